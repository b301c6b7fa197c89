'use strict';
// The transactional-batch wire format of the .NET SDK: a HybridRow RecordIO stream. The package only reads JSON
// batches (the JavaScript SDK's shape), so without this the .NET SDK's batches fail with 500.
//
// Stream = one segment header row, then per operation a record header row followed by the record body row.
// A row = [0x81 version][int32 LE schema id][presence bits][fixed columns][present variable columns][sparse columns].
// Schemas (Microsoft.Azure.Cosmos.BatchApi, and the HybridRow system schemas for segment and record headers):
//   Segment        2147473648  length:int32 fixed (nullable: one presence bit)
//   Record         2147473649  length:int32 fixed, crc32:uint32 fixed (both non-nullable: no presence bits)
//   BatchOperation 2145473648  fixed operationType, resourceType; variable partitionKey, effectivePartitionKey, id,
//                              binaryId, resourceBody; sparse indexingDirective, ifMatch, ifNoneMatch,
//                              timeToLiveInSeconds, minimalReturnPreference
//   BatchResult    2145473649  fixed statusCode, subStatusCode; variable eTag, resourceBody; sparse
//                              retryAfterMilliseconds, requestCharge
// Sparse columns are [layout code][varuint path token][value]; a path token is the property's 1-based position in
// its schema (token 0 is the empty path).
const zlib = require('zlib');

const VERSION = 0x81;
const SEGMENT_SCHEMA = 2147473648;
const RECORD_SCHEMA = 2147473649;
const OPERATION_SCHEMA = 2145473648;
const RESULT_SCHEMA = 2145473649;

const OPERATION_VARIABLES = ['partitionKey', 'effectivePartitionKey', 'id', 'binaryId', 'resourceBody'];
const OPERATION_SPARSE = { 8: 'indexingDirective', 9: 'ifMatch', 10: 'ifNoneMatch', 11: 'timeToLiveInSeconds', 12: 'minimalReturnPreference' };
const TEXT_COLUMNS = new Set(['partitionKey', 'id', 'indexingDirective', 'ifMatch', 'ifNoneMatch']);

// Layout codes (HybridRow LayoutCode) the batch schemas use, and how many payload bytes a fixed-size one carries.
const CODE = { BooleanFalse: 2, Boolean: 3, Int32: 7, UInt32: 11, Float64: 16, Utf8: 20, Binary: 21 };
const FIXED_SIZE = { 2: 0, 3: 0, 5: 1, 6: 2, 7: 4, 8: 8, 9: 1, 10: 2, 11: 4, 12: 8, 15: 4, 16: 8 };

class Reader {
  constructor(buffer, offset) { this.buffer = buffer; this.offset = offset; }
  byte() { return this.buffer[this.offset++]; }
  int32() { const v = this.buffer.readInt32LE(this.offset); this.offset += 4; return v; }
  varuint() {
    let value = 0; let shift = 0; let b;
    do { b = this.byte(); value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return value;
  }
  bytes(n) { const v = this.buffer.subarray(this.offset, this.offset + n); this.offset += n; return v; }
  get done() { return this.offset >= this.buffer.length; }
}

function readHeader(reader, schemaId) {
  const version = reader.byte();
  const id = reader.int32() >>> 0;
  if (version !== VERSION || id !== schemaId) {
    throw new Error(`expected HybridRow schema ${schemaId}, found version ${version} schema ${id}`);
  }
}

/** Splits a RecordIO stream into record bodies (Buffers). */
function readRecords(buffer) {
  const reader = new Reader(buffer, 0);
  const records = [];
  while (!reader.done) {
    readHeader(reader, SEGMENT_SCHEMA);
    reader.byte(); // presence bits
    const segmentLength = reader.int32();
    reader.offset += segmentLength - 10; // a segment may carry sparse extras (comment, schema): skip them
    while (!reader.done && buffer[reader.offset + 1] !== (SEGMENT_SCHEMA & 0xff)) {
      readHeader(reader, RECORD_SCHEMA);
      const length = reader.int32();
      reader.int32(); // crc32: optional in the format, not checked
      records.push(reader.bytes(length));
    }
  }
  return records;
}

/** Decodes one BatchOperation row into a plain object (text columns as strings, resourceBody as a Buffer). */
function readOperation(row) {
  const reader = new Reader(row, 0);
  readHeader(reader, OPERATION_SCHEMA);
  const presence = reader.byte();
  const operation = {};
  const operationType = reader.int32();
  const resourceType = reader.int32();
  if (presence & 1) operation.operationType = operationType;
  if (presence & 2) operation.resourceType = resourceType;
  OPERATION_VARIABLES.forEach((name, i) => {
    if (presence & (1 << (i + 2))) {
      const value = reader.bytes(reader.varuint());
      operation[name] = TEXT_COLUMNS.has(name) ? value.toString('utf8') : Buffer.from(value);
    }
  });
  while (!reader.done) {
    const code = reader.byte();
    const name = OPERATION_SPARSE[reader.varuint()];
    let value;
    if (code === CODE.Utf8 || code === CODE.Binary) value = reader.bytes(reader.varuint()).toString('utf8');
    else if (code === CODE.Boolean || code === CODE.BooleanFalse) value = code === CODE.Boolean;
    else if (code === CODE.Int32) value = reader.int32();
    else if (FIXED_SIZE[code] !== undefined) value = reader.bytes(FIXED_SIZE[code]);
    else throw new Error(`unsupported sparse layout code ${code} in a batch operation`);
    if (name) operation[name] = value;
  }
  return operation;
}

function varuint(value) {
  const out = [];
  let v = value;
  do { let b = v & 0x7f; v = Math.floor(v / 128); if (v) b |= 0x80; out.push(b); } while (v);
  return Buffer.from(out);
}

function rowHeader(schemaId) {
  const b = Buffer.alloc(5);
  b[0] = VERSION;
  b.writeUInt32LE(schemaId, 1);
  return b;
}

/** Encodes one BatchResult row: { statusCode, subStatusCode?, eTag?, resourceBody?: Buffer, requestCharge? }. */
function writeResult(result) {
  const parts = [rowHeader(RESULT_SCHEMA)];
  const eTag = result.eTag ? Buffer.from(result.eTag, 'utf8') : null;
  const body = result.resourceBody || null;
  const fixed = Buffer.alloc(9);
  fixed[0] = 1 | 2 | (eTag ? 4 : 0) | (body ? 8 : 0);
  fixed.writeInt32LE(result.statusCode, 1);
  fixed.writeInt32LE(result.subStatusCode || 0, 5);
  parts.push(fixed);
  if (eTag) parts.push(varuint(eTag.length), eTag);
  if (body) parts.push(varuint(body.length), body);
  if (result.requestCharge !== undefined) {
    const charge = Buffer.alloc(10);
    charge[0] = CODE.Float64;
    charge[1] = 6; // requestCharge is the schema's sixth property
    charge.writeDoubleLE(result.requestCharge, 2);
    parts.push(charge);
  }
  return Buffer.concat(parts);
}

/** Frames rows as one RecordIO segment, each record with its length and CRC-32. */
function writeRecords(rows) {
  const segment = Buffer.concat([rowHeader(SEGMENT_SCHEMA), Buffer.from([1, 10, 0, 0, 0])]);
  const parts = [segment];
  rows.forEach(row => {
    const header = Buffer.alloc(13);
    header[0] = VERSION;
    header.writeUInt32LE(RECORD_SCHEMA, 1);
    header.writeInt32LE(row.length, 5);
    header.writeUInt32LE(zlib.crc32(row), 9);
    parts.push(header, row);
  });
  return Buffer.concat(parts);
}

module.exports = { readRecords, readOperation, writeResult, writeRecords, VERSION };
