#!/usr/bin/env node
'use strict';
// The Cosmos DB stand-in for tests: @vercel/cosmosdb-server (pinned in infra/package.json) with the fixes the
// .NET SDK needs (see README.md). Usage:
//   node infra/cosmos-standin/server.js --port <port> [--host 127.0.0.1] [--http] [--unwrapped] [--exit-with-stdin]
// --unwrapped serves the package as published, without the fixes: to see what each fix is for.
// --exit-with-stdin also stops when stdin ends: test fixtures start it on a pipe they hold, so a test host that
// crashes (and never kills it) still takes it down when the OS closes the pipe. Off by default: a background job
// in a script (start-standins.sh) gets /dev/null as stdin, which would end at once.
// Prints "cosmos-standin listening on https://<host>:<port>/" once it accepts connections; test fixtures wait for
// that line. Stops on SIGTERM / SIGINT.
const { captureAccount, install } = require('./intercept');

function parseArgs(argv) {
  const args = { port: 8081, host: '127.0.0.1', http: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--port' || arg === '-p') args.port = parseInt(argv[++i], 10);
    else if (arg === '--host') args.host = argv[++i];
    else if (arg === '--http') args.http = true;
    else if (arg === '--unwrapped') args.unwrapped = true;
    else if (arg === '--exit-with-stdin') args.exitWithStdin = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port needs a port number');
  return args;
}

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`cosmos-standin: ${err.message}`);
    process.exit(2);
  }
  if (args.help) {
    console.log('Usage: node infra/cosmos-standin/server.js --port <port> [--host 127.0.0.1] [--http] [--unwrapped] [--exit-with-stdin]');
    return;
  }
  const scheme = args.http ? 'http' : 'https';
  // The account class must be captured before the package's server creates its account on "listening".
  const holder = captureAccount(scheme);
  const cosmos = require('@vercel/cosmosdb-server');
  // keepAlive: the package otherwise closes every connection, which costs the SDK a TLS handshake per request.
  const server = args.http ? cosmos.createHttpServer({ keepAlive: true }) : cosmos.createHttpsServer({ keepAlive: true });
  if (!args.unwrapped) install(server, holder);
  server.on('error', err => {
    console.error(`cosmos-standin: ${err.message}`);
    process.exit(1);
  });
  server.listen(args.port, args.host, () => {
    const { port } = server.address();
    console.log(`cosmos-standin listening on ${scheme}://${args.host}:${port}/`);
  });
  // Everything is in memory: nothing to flush, so stop at once (open keep-alive connections are dropped).
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (args.exitWithStdin) {
    // Nothing is read from stdin; its end (the holder closed the pipe, or died) is the signal to stop.
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

main();
