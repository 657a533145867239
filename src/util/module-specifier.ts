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
  const name = normaliseModuleName(specifier);
  // Asked for many receivers of every file: cut at the slash that ends the name, without splitting.
  const first = name.indexOf('/');
  const end = first === -1 || !name.startsWith('@') ? first : name.indexOf('/', first + 1);
  return end === -1 ? name : name.slice(0, end);
}
