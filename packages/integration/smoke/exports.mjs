// The exports map of each installed package: the main entry and ./package.json resolve, a
// deep import into dist/ does not (the map is closed, so internals can move freely).
import { createRequire } from 'node:module';

const names = process.argv.slice(2);
const out = {};
for (const name of names) {
  const mod = await import(name);
  const pkg = (await import(`${name}/package.json`, { with: { type: 'json' } })).default;
  let deep;
  try {
    await import(`${name}/dist/src/index.js`);
    deep = 'resolved';
  } catch (e) {
    deep = e.code;
  }
  out[name] = {
    version: pkg.version,
    exportNames: Object.keys(mod).sort(),
    resolvedMain: createRequire(import.meta.url).resolve(name).replace(/^.*node_modules\//, ''),
    importMetaResolve: import.meta.resolve(name).replace(/^.*node_modules\//, ''),
    deepImport: deep,
  };
}
console.log(JSON.stringify(out));
