'use strict';
// Puts the fixes in front of the package's own request handler. The package is used as published: its server, its
// router and handlers, its in-memory store and query engine. Two things are patched at load time, both through
// its exported modules: the Account class (so the fixes can reach the store the package's handler uses, and so an
// http stand-in advertises http endpoints) and the document store's _set (LSNs for the change feed). Requests no
// fix claims go to the package untouched.
const AccountModule = require('@vercel/cosmosdb-server/lib/account');
const { handleQuery } = require('./queries');
const { handleBatch } = require('./batch');
const { trackWrites, isChangeFeed, handleChangeFeed } = require('./changefeed');
const { isTrue, send, notFound, indexPartition, matchDocs } = require('./common');

/** Replaces the package's Account class so the instance it creates on "listening" is ours to reach. */
function captureAccount(scheme) {
  const holder = { account: null };
  const PackageAccount = AccountModule.default;
  AccountModule.default = class StandInAccount extends PackageAccount {
    constructor(host, port) {
      super(host, port);
      const data = this.read();
      [...data.writableLocations, ...data.readableLocations].forEach(location => {
        location.databaseAccountEndpoint = `${scheme}://${host}:${port}/`;
      });
      holder.account = this;
    }
  };
  return holder;
}

/**
 * A point read of a missing document: the package dereferences the missing document and answers 500; the SDK
 * (ReadItemAsync -> CosmosException 404, ReadItemStreamAsync -> StatusCode 404) needs 404 NotFound.
 */
function readOrNotFound(original) {
  return (account, req, res, { dbId, collId, docId }) => {
    const collection = account.database(dbId).collection(collId);
    if (!collection.read()) return notFound(res);
    const partition = indexPartition(req.headers['x-ms-documentdb-partitionkey'], docId);
    if (!collection.document(docId, partition).read()) return notFound(res);
    return original(req, res);
  };
}

function isQuery(req) {
  return req.method === 'POST'
    && (isTrue(req, 'x-ms-documentdb-isquery') || req.headers['content-type'] === 'application/query+json');
}

/** Which fix, if any, answers this request instead of the package. */
function chooseFix(req, route, original) {
  if (!route) return null;
  if (route.docId) return req.method === 'GET' ? readOrNotFound(original) : null;
  if (isQuery(req)) return handleQuery;
  if (req.method === 'POST' && isTrue(req, 'x-ms-cosmos-is-batch-request')) return handleBatch;
  if (isChangeFeed(req)) return handleChangeFeed;
  return null;
}

/** Wraps the package server's "request" listener with the fixes. */
function install(server, holder) {
  trackWrites();
  const [original] = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    const fix = holder.account ? chooseFix(req, matchDocs(req.url), original) : null;
    if (!fix) {
      original(req, res);
      return;
    }
    Promise.resolve()
      .then(() => fix(holder.account, req, res, matchDocs(req.url)))
      .catch(err => {
        console.error(err);
        if (!res.headersSent) send(res, 500, { code: 'InternalServerError', message: err.message });
      });
  });
}

module.exports = { captureAccount, install };
