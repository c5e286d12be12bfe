// CommonJS consumers: require('@recur/core') loads the ESM build through Node's require(esm)
// (unflagged from Node 20.19 / 22.12); older Node throws ERR_REQUIRE_ESM. import() always works.
const out = { requireModule: Boolean(process.features.require_module) };
try {
  const core = require('@recur/core');
  out.required = true;
  out.exportNames = Object.keys(core).sort();
  out.randn = core.RandomState ? new core.RandomState(1).randn(1).data[0] : null;
} catch (e) {
  out.required = false;
  out.error = e.code || String(e);
}
import('@recur/core').then((core) => {
  out.dynamicImport = new core.RandomState(1).randn(1).data[0];
  console.log(JSON.stringify(out));
});
