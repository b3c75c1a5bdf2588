// The stations' zones from maps/*.geojson, as the peer's check needs them: zone id → station.
// Read once at start-up, as the hub reads its maps.
"use strict";
const fs = require("fs");
const path = require("path");

module.exports = function zonesOfStations(dir) {
    const zones = new Map();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".geojson"))) {
        const map = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
        for (const feature of map.features) zones.set(feature.properties.id, feature.properties.station);
    }
    return zones;
};
