#!/usr/bin/env node
// aedes-as-broker.js <port>: aedes (npm) dressed as day7-broker's `mqtt-broker <port>`, for
// bench/brokers.py: it prints `listening on 0.0.0.0:<port>` once aedes listens, and SIGTERM or
// SIGINT closes every connection and exits 0. aedes as it comes (in-memory persistence, anonymous
// clients): it has no setting for the subset's highest QoS or packet size.
// Run with NODE_PATH naming the node_modules aedes is installed in.
'use strict'
const net = require('net')
const { Aedes } = require('aedes')

async function main () {
  const port = Number(process.argv[2])
  if (process.argv.length !== 3 || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('aedes-as-broker.js: usage: aedes-as-broker.js <port>')
    process.exit(1)
  }
  const broker = Aedes.createBroker ? await Aedes.createBroker() : new Aedes()
  const server = net.createServer(broker.handle)
  server.listen(port, '0.0.0.0', () => {
    console.log(`listening on 0.0.0.0:${server.address().port}`)
  })
  const stop = () => {
    server.close()
    broker.close(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main()
