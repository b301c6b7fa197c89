'use strict';
// Change feed (LatestVersion / Incremental). The package answers every A-IM request with all documents and a fixed
// etag "1", then 304 forever, so the SDK's iterator and the change feed processor never see later writes.
// Here every document write takes the container's next LSN (a counter per container, kept beside the package's
// store), and a change feed read returns the live documents whose LSN is after the continuation, oldest change
// first. A document written twice is one entry at its latest LSN; a deleted document leaves the feed, as
// LatestVersion mode does. The continuation is the LSN of the last change returned (the etag, quoted like the
// service's); nothing new is 304 with the continuation unchanged or moved to the current LSN.
const Documents = require('@vercel/cosmosdb-server/lib/account/documents').default;
const Items = require('@vercel/cosmosdb-server/lib/account/items').default;
const { send, notFound, requestPartition } = require('./common');

/** Patches the package's document store at load time so every stored version of a document carries an LSN. */
function trackWrites() {
  Documents.prototype._set = function setWithLsn(data) {
    const stored = Items.prototype._set.call(this, data);
    this._lsn = (this._lsn || 0) + 1;
    if (!this._lsnByRid) this._lsnByRid = new Map();
    this._lsnByRid.set(stored._rid, this._lsn);
    return stored;
  };
}

/** What an atomic batch must put back when it fails: the store's maps and counters, LSNs included. */
function snapshot(documents) {
  return {
    data: new Map(documents._data),
    index: new Map(documents._index),
    ridCount: documents._ridCount,
    lsn: documents._lsn,
    lsnByRid: new Map(documents._lsnByRid || []),
  };
}

function restore(documents, saved) {
  documents._data = saved.data;
  documents._index = saved.index;
  documents._ridCount = saved.ridCount;
  documents._lsn = saved.lsn;
  documents._lsnByRid = saved.lsnByRid;
}

function unquote(value) {
  return value.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** Where a read starts: after the LSN in If-None-Match, at the current LSN for "*" (from now), at 0 without one. */
function startLsn(req, current) {
  const ifNoneMatch = req.headers['if-none-match'];
  if (!ifNoneMatch) return 0;
  if (ifNoneMatch === '*') return current;
  const lsn = Number(unquote(ifNoneMatch));
  return Number.isFinite(lsn) ? lsn : 0;
}

function isChangeFeed(req) {
  return req.method === 'GET' && /incremental feed/i.test(req.headers['a-im'] || '');
}

function handleChangeFeed(account, req, res, { dbId, collId }) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) return notFound(res);
  const documents = collection.documents;
  const current = documents._lsn || 0;
  const start = startLsn(req, current);
  const since = req.headers['if-modified-since'] ? Date.parse(req.headers['if-modified-since']) / 1000 : null;
  const partition = requestPartition(req);
  const max = parseInt(req.headers['x-ms-max-item-count'], 10);
  const lsnByRid = documents._lsnByRid || new Map();
  let changes = [...documents._data.values()]
    .map(item => item.read())
    .map(doc => ({ doc, lsn: lsnByRid.get(doc._rid) || 0 }))
    .filter(change => change.lsn > start)
    .filter(change => !partition.present || documents._getPartition(change.doc) === partition.value)
    .filter(change => since === null || change.doc._ts >= Math.floor(since))
    .sort((a, b) => a.lsn - b.lsn);
  if (max > 0) changes = changes.slice(0, max);
  if (changes.length === 0) {
    return send(res, 304, undefined, { etag: `"${Math.max(start, current)}"`, 'x-ms-item-count': '0' });
  }
  const last = changes[changes.length - 1].lsn;
  return send(res, 200, {
    _rid: collection.read()._rid,
    Documents: changes.map(change => ({ ...change.doc, _lsn: change.lsn })),
    _count: changes.length,
  }, { etag: `"${last}"`, 'x-ms-item-count': String(changes.length) });
}

module.exports = { trackWrites, snapshot, restore, isChangeFeed, handleChangeFeed };
