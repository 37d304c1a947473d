// Preloaded with `node --require` into the built server or CLI by test/protocol/safety.test.ts:
// every way to reach the network, or to run another program, fails loudly and is written to
// stderr as `FANGAN-FORBIDDEN <what>`, so that the test sees any attempt even if it was caught.
'use strict';
const fs = require('fs');

function forbid(object, name, what) {
  if (!object || typeof object[name] !== 'function') return;
  object[name] = function forbidden() {
    fs.writeSync(2, `FANGAN-FORBIDDEN ${what}\n`);
    throw new Error(`Fangan must not ${what}`);
  };
}

const net = require('net');
for (const name of ['connect', 'createConnection', 'createServer']) forbid(net, name, `net.${name}`);
forbid(net.Socket.prototype, 'connect', 'net.Socket#connect');
for (const module of ['http', 'https']) {
  const m = require(module);
  for (const name of ['request', 'get', 'createServer']) forbid(m, name, `${module}.${name}`);
}
forbid(require('http2'), 'connect', 'http2.connect');
forbid(require('tls'), 'connect', 'tls.connect');
const dgram = require('dgram');
forbid(dgram, 'createSocket', 'dgram.createSocket');
const dns = require('dns');
for (const name of Object.keys(dns)) if (/^(lookup|resolve)/.test(name)) forbid(dns, name, `dns.${name}`);
for (const name of Object.keys(dns.promises)) if (/^(lookup|resolve)/.test(name)) forbid(dns.promises, name, `dns.promises.${name}`);
forbid(globalThis, 'fetch', 'fetch');
const childProcess = require('child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) forbid(childProcess, name, `child_process.${name}`);
forbid(require('worker_threads'), 'Worker', 'worker_threads.Worker');
forbid(require('vm'), 'runInNewContext', 'vm.runInNewContext');
forbid(require('vm'), 'runInThisContext', 'vm.runInThisContext');
fs.writeSync(2, 'FANGAN-NO-NETWORK-PRELOADED\n');
