/** `pg`, `@scope/pkg`, `node:http`: a package (or a `paths` alias, which looks like one); not `./db`, `../db`, `/abs/db`. */
export function isPackageSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/');
}

/** `node:http` and `http` are one module. */
export function normaliseModuleName(name: string): string {
  return name.startsWith('node:') ? name.slice('node:'.length) : name;
}
