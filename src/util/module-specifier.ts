/** `pg`, `@scope/pkg`, `node:http`: a package (or a `paths` alias, which looks like one); not `./db`, `../db`, `/abs/db`. */
export function isPackageSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

/** `node:http` and `http` are one module. */
export function normaliseModuleName(name: string): string {
  return name.startsWith('node:') ? name.slice('node:'.length) : name;
}

/** `hono` of `hono/tiny`, `@koa/router` of `@koa/router`, `http` of `node:http`; nothing for a relative path. */
export function packageName(specifier: string | undefined): string | undefined {
  if (specifier === undefined || !isPackageSpecifier(specifier)) return undefined;
  const parts = normaliseModuleName(specifier).split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}
