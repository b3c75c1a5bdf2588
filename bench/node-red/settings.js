// Node-RED's settings for the benchmark's peer (docs/performance.md, "The Node-RED peer").
// The peer only takes guard reports over MQTT and answers them: no editor, no admin API and
// no HTTP listener at all, so it opens no port and needs no login or credentials file.
// platslage-bench-hub starts it with --userDir in its own run folder (Node-RED's runtime
// files go there, not into the tree) and gives it, in the environment:
//   PLATSLAGE_MQTT_PORT          the bench broker's plain loopback listener
//   PLATSLAGE_NODE_RED_EVENTS    the file the flow appends each event to, a JSON line each
"use strict";
const path = require("path");
require("./no-nagle.js");
const zonesOfStations = require("./zones.js");
const checkReport = require("./check-report.js");

const zones = zonesOfStations(path.join(__dirname, "..", "..", "maps"));

module.exports = {
    flowFile: path.join(__dirname, "flows.json"),
    flowFilePretty: true,
    // The flow holds no secret (the broker's loopback listener takes it without a login).
    credentialSecret: false,

    // No editor, no admin API, no HTTP nodes: Node-RED then opens no HTTP server.
    httpAdminRoot: false,
    httpNodeRoot: false,
    uiHost: "127.0.0.1",
    disableEditor: true,

    logging: { console: { level: "warn", metrics: false, audit: false } },
    // Nothing to fetch or install at run time: the peer runs offline as installed by npm ci.
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    telemetry: { enabled: false },
    diagnostics: { enabled: false },
    runtimeState: { enabled: false },

    // The function node calls the check with the stations' zones, read once from maps/.
    functionGlobalContext: {
        checkReport: (topic, payload) => checkReport(topic, payload, zones, Date.now()),
    },
};
