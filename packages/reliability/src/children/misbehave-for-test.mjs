// Child of test/harness.test.ts: misbehaves on purpose, to prove runChild sees it.
//   node misbehave-for-test.mjs abort|hang|ok
const how = process.argv[2];
if (how === 'abort') process.abort();
if (how === 'hang') setInterval(() => {}, 1000);
if (how === 'ok') console.log(JSON.stringify({ ok: true }));
