import type { TSESTree } from '@typescript-eslint/utils';

/**
 * A node @eslint-community/eslint-utils hands back (typed as `estree`'s, whose `type` is a plain
 * string): it is one of the linted file's own typescript-estree nodes.
 */
export function tsestreeNode(node: unknown): TSESTree.Node {
  return node as TSESTree.Node;
}
