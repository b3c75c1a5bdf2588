// Nagle's algorithm off on every TCP connection this Node-RED makes, as the hub has it
// (adapters/tcp_nodelay.hpp): the flow's receipt follows its PUBACK of the report closely on
// the same connection, and with Nagle on it waits for the broker's delayed TCP ack, about
// 40 ms (a lone report took 45-70 ms to its receipt with stock Node-RED, 2 ms without).
// Node-RED's MQTT nodes have no setting for it; MQTT.js connects with net.createConnection.
"use strict";
const net = require("net");

const createConnection = net.createConnection;
net.createConnection = function (...args) {
    return createConnection.apply(this, args).setNoDelay(true);
};
