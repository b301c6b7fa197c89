'use strict';
// Queries. Two fixes over the package:
// 1. The package ignores x-ms-documentdb-partitionkey on a query (it answers from every partition, and refuses a
//    partition-scoped query whose SQL does not itself filter on the key). Here a query that names a partition key
//    runs over that partition's documents only, whatever its WHERE says.
// 2. On Linux the .NET SDK has no native query parser, so it first asks the gateway for a query plan
//    (x-ms-cosmos-is-query-plan-request). The package answered that with documents. Here it gets a plan.
//    The stand-in has exactly one partition key range, so the plan tells the SDK to pass the query through to that
//    range unchanged (no client-side ORDER BY merge, TOP, aggregates or DISTINCT), and the stand-in runs the whole
//    query, ORDER BY / TOP / OFFSET / aggregates included, which gives the same answer a multi-range plan would.
const cosmosQuery = require('@zeit/cosmosdb-query');
const { readBody, isTrue, send, notFound, badRequest, requestPartition } = require('./common');

// A full-range query plan: every query goes to the one range and is executed there as written.
function queryPlan() {
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: 'None',
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: '',
      hasSelectValue: false,
      dCountInfo: null,
      hasNonStreamingOrderBy: false,
    },
    queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
  };
}

function maxItemCount(req) {
  const value = parseInt(req.headers['x-ms-max-item-count'], 10);
  return value > 0 ? value : undefined;
}

function continuation(req) {
  const value = req.headers['x-ms-continuation'];
  if (!value) return undefined;
  try { return JSON.parse(value); } catch { return undefined; }
}

/** Runs a query over the documents of one partition (or all of them) with the package's own query engine. */
function execute(collection, body, partition, options) {
  const documents = collection.documents;
  let data = [...documents._data.values()].map(item => item.read());
  if (partition.present) data = data.filter(doc => documents._getPartition(doc) === partition.value);
  const policy = collection.read().indexingPolicy || {};
  return documents._getQuery(body.query).exec(data, {
    parameters: body.parameters,
    udf: documents._userDefinedFunctions(),
    maxItemCount: options.maxItemCount,
    continuation: options.continuation,
    compositeIndexes: policy.compositeIndexes || [],
  });
}

async function handleQuery(account, req, res, { dbId, collId }) {
  let body;
  try { body = JSON.parse((await readBody(req)).toString('utf8')); } catch { return badRequest(res, 'The query body is not JSON.'); }
  if (!body || typeof body.query !== 'string') return badRequest(res, 'missing query');
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return notFound(res);
  try {
    if (isTrue(req, 'x-ms-cosmos-is-query-plan-request')) {
      cosmosQuery.default(body.query); // parse only: a syntax error is a 400, as from the real gateway
      return send(res, 200, queryPlan());
    }
    const result = execute(collection, body, requestPartition(req), { maxItemCount: maxItemCount(req), continuation: continuation(req) });
    const headers = { 'x-ms-item-count': String(result.result.length) };
    if (result.continuation) headers['x-ms-continuation'] = JSON.stringify(result.continuation);
    return send(res, 200, { _rid: collection.read()._rid, Documents: result.result, _count: result.result.length }, headers);
  } catch (err) {
    // Syntax errors and evaluation errors of the query engine are the caller's: 400, as the gateway answers.
    if (!(err instanceof cosmosQuery.SyntaxError)) console.error(err);
    return badRequest(res, `Query failed: ${err.message}`);
  }
}

module.exports = { handleQuery };
