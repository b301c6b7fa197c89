'use strict';
// Helpers shared by the fixes: reading a request, answering like the package does, and partition keys.
const { randomUUID } = require('crypto');
const { parsePartitionKey } = require('@vercel/cosmosdb-server/lib/utils/get-partition-from-header');

/** The whole request body as a Buffer (the package's own handlers read it themselves; ours do it here). */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** True when a header is present and says true, as the SDK sends booleans ("True"). */
function isTrue(req, name) {
  const value = req.headers[name];
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

/** Answers with the headers the package puts on every response, so the SDK sees the same envelope. */
function send(res, statusCode, body, headers = {}) {
  res.statusCode = statusCode;
  const isBinary = Buffer.isBuffer(body);
  res.setHeader('content-type', isBinary ? 'application/octet-stream' : 'application/json');
  res.setHeader('x-ms-activity-id', randomUUID());
  res.setHeader('x-ms-request-charge', '1');
  Object.entries(headers).forEach(([name, value]) => res.setHeader(name, value));
  if (body && !isBinary && body._etag) res.setHeader('etag', body._etag);
  res.end(body === undefined ? undefined : isBinary ? body : JSON.stringify(body));
}

function notFound(res) {
  send(res, 404, { code: 'NotFound', message: 'Entity with the specified id does not exist in the system.' });
}

function badRequest(res, message) {
  send(res, 400, { code: 'BadRequest', message });
}

/**
 * The partition key a request names in x-ms-documentdb-partitionkey: { present: false } when absent, otherwise the
 * single value (["A"] -> "A"); PartitionKey.None ([{}]) is undefined, as documents without the property have.
 */
function requestPartition(req) {
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (!header) return { present: false };
  const parsed = JSON.parse(header);
  const value = Array.isArray(parsed) ? parsed[0] : parsed;
  return { present: true, value: value !== null && typeof value === 'object' ? undefined : value };
}

/** The key the package's index uses for a document: its partition value, or its id when that is empty. */
function indexPartition(header, id) {
  return header ? parsePartitionKey(header, id) : id;
}

/** Splits /dbs/{db}/colls/{coll}/docs[/{doc}] the way the package's router does (double slash, trailing slash). */
function matchDocs(url) {
  let path = url.split('?')[0];
  if (path.startsWith('//')) path = path.slice(1);
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const m = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/]+))?$/.exec(path);
  if (!m) return null;
  return { dbId: decodeURIComponent(m[1]), collId: decodeURIComponent(m[2]), docId: m[3] && decodeURIComponent(m[3]) };
}

module.exports = { readBody, isTrue, send, notFound, badRequest, requestPartition, indexPartition, matchDocs };
