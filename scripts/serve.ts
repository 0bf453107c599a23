// Serves a built folder (dist/) on 127.0.0.1 for the tests: `tsx scripts/serve.ts [DIR] [PORT]`.
import { createServer } from 'node:http';
import sirv from 'sirv';

const [dir = 'dist', port = '4173'] = process.argv.slice(2);
const files = sirv(dir, { dev: true, etag: true });
createServer((request, response) => {
  files(request, response, () => {
    response.statusCode = 404;
    response.end('Not found');
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`Serving ${dir}/ on http://127.0.0.1:${port}/`));
