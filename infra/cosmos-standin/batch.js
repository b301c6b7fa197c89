'use strict';
// Transactional batch (and bulk) in the .NET SDK's binary format. The package only understands the JavaScript
// SDK's JSON batch, so the .NET SDK's HybridRow body made it fail with 500. Here the body is decoded, each operation
// runs through the package's own document operations, and the results go back as HybridRow, which is the only
// shape the .NET SDK reads a batch response from.
// Atomic batches (x-ms-cosmos-batch-atomic) are all or nothing: when an operation fails, the store is put back as
// it was, the failing operation keeps its status (409, 412, 404, 400) and every other one answers 424; the response
// is 207 Multi-Status, from which the SDK promotes the failing status to the batch. Success is 200.
const ops = require('@vercel/cosmosdb-server/lib/handler/_document-operations');
const { patchOperation } = require('@vercel/cosmosdb-server/lib/handler/_patch-operations');
const hybridRow = require('./hybridrow');
const { snapshot, restore } = require('./changefeed');
const { readBody, isTrue, send, notFound, badRequest, requestPartition } = require('./common');

// Microsoft.Azure.Documents.OperationType values the SDK writes into operationType.
const CREATE = 0; const PATCH = 1; const READ = 2; const DELETE = 4; const REPLACE = 5; const UPSERT = 20;

function parseJson(buffer) {
  return buffer ? JSON.parse(buffer.toString('utf8')) : undefined;
}

/** The operation's partition key header value: its own (bulk) or the batch's (transactional). */
function partitionHeader(operation, req) {
  return operation.partitionKey || req.headers['x-ms-documentdb-partitionkey'];
}

function wrongPartition(collection, body, header) {
  if (!header || !body) return false;
  const parsed = JSON.parse(header);
  const expected = Array.isArray(parsed) ? parsed[0] : parsed;
  const actual = collection.documents._getPartition(body);
  return expected !== null && typeof expected !== 'object' && actual !== expected;
}

function run(collection, operation, req) {
  const partitionKey = partitionHeader(operation, req);
  const resourceBody = parseJson(operation.resourceBody);
  const ifMatch = operation.ifMatch;
  if ((operation.operationType === CREATE || operation.operationType === UPSERT || operation.operationType === REPLACE)
      && wrongPartition(collection, resourceBody, partitionKey)) {
    return { statusCode: 400, body: { code: 'BadRequest', message: 'PartitionKey extracted from document does not match the one specified in the batch.' } };
  }
  switch (operation.operationType) {
    case CREATE: return ops.createOperation(collection, { resourceBody });
    case UPSERT: return ops.upsertOperation(collection, { partitionKey, ifMatch, resourceBody });
    case REPLACE: return ops.replaceOperation(collection, { partitionKey, ifMatch, resourceBody });
    case READ: return ops.readOperation(collection, { partitionKey, id: operation.id });
    case DELETE: return ops.deleteOperation(collection, { partitionKey, ifMatch, id: operation.id });
    case PATCH: {
      const spec = resourceBody || {};
      const operations = Array.isArray(spec) ? spec : spec.operations;
      return patchOperation(collection, { id: operation.id, partitionKey, ifMatch, operations, condition: spec.condition });
    }
    default:
      return { statusCode: 400, body: { code: 'BadRequest', message: `Operation type ${operation.operationType} is not supported in a batch.` } };
  }
}

function toResult(outcome, operation) {
  const failed = outcome.statusCode >= 400;
  const body = outcome.body && Object.keys(outcome.body).length ? outcome.body : null;
  const withBody = body && !(operation.minimalReturnPreference && !failed);
  return {
    statusCode: outcome.statusCode,
    eTag: !failed && body ? body._etag : undefined,
    resourceBody: withBody ? Buffer.from(JSON.stringify(body), 'utf8') : undefined,
    requestCharge: 1,
  };
}

async function handleBatch(account, req, res, { dbId, collId }) {
  let operations;
  try {
    operations = hybridRow.readRecords(await readBody(req)).map(hybridRow.readOperation);
  } catch (err) {
    return badRequest(res, `The batch body is not a HybridRow batch: ${err.message}`);
  }
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return notFound(res);
  if (!requestPartition(req).present && operations.some(op => !op.partitionKey)) {
    return badRequest(res, 'A batch needs a partition key (x-ms-documentdb-partitionkey).');
  }
  const atomic = isTrue(req, 'x-ms-cosmos-batch-atomic');
  const continueOnError = !atomic && isTrue(req, 'x-ms-cosmos-batch-continue-on-error');
  const saved = atomic ? snapshot(collection.documents) : null;
  const results = [];
  let failedAt = -1;
  operations.forEach((operation, i) => {
    if (failedAt >= 0 && !continueOnError) {
      results.push({ statusCode: 424 });
      return;
    }
    let outcome;
    try {
      outcome = run(collection, operation, req);
    } catch (err) {
      // An unexpected throw inside the package must still fail the batch as a whole (and so be rolled back).
      console.error(err);
      outcome = { statusCode: 500, body: { code: 'InternalServerError', message: err.message } };
    }
    const result = toResult(outcome, operation);
    if (result.statusCode >= 400 && failedAt < 0) failedAt = i;
    results.push(result);
  });
  if (atomic && failedAt >= 0) {
    restore(collection.documents, saved);
    results.forEach((result, i) => {
      if (i !== failedAt) results[i] = { statusCode: 424 };
    });
  }
  const payload = hybridRow.writeRecords(results.map(hybridRow.writeResult));
  return send(res, failedAt >= 0 ? 207 : 200, payload);
}

module.exports = { handleBatch };
