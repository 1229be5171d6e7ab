// Runs the graphql-http server audits (the GraphQL-over-HTTP
// specification's own tests) against the URL given as the first argument
// and prints one JSON line per audit, then a summary line.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url })) {
  const r = await audit.fn();
  const out = { id: r.id, name: r.name, status: r.status };
  if (r.status !== 'ok') {
    out.reason = r.reason;
    out.httpStatus = r.response.status;
    out.contentType = r.response.headers.get('content-type');
    try { out.body = (await r.response.text()).slice(0, 500); } catch { out.body = '' }
  }
  results.push(out);
  console.log(JSON.stringify(out));
}
const count = (s) => results.filter((r) => r.status === s).length;
console.log(`audits: ${results.length} total, ${count('ok')} ok, ${count('warn')} warn, ${count('notice')} notice, ${count('error')} error`);
