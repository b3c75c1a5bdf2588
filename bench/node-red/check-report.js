// The Node-RED peer's check of a guard report (docs/protocol.md, "Guard report" and
// "Receipt"), as a peer written from the protocol page would check it. It gives back the
// event's line for the file and the receipt for the handheld, or null for a topic that has
// no receipt topic to answer on. What it leaves out, next to the hub, is listed in
// docs/performance.md ("The Node-RED peer"); the duplicates it knows of are only those since
// it started (the hub's are in SQLite).
"use strict";

const TOPIC = /^platslage\/v1\/([^/]+)\/guard\/([A-Za-z0-9_-]{1,32})\/report$/;
const MAX_REPORT_BYTES = 4096;
const FIELDS = new Set(["id", "ts", "zone", "kind", "persons", "women", "men", "categories", "note", "tip_from"]);
const KINDS = new Set(["observation", "incident", "patrol"]);
const CATEGORIES = new Set(["sleeping", "intoxicated", "distress", "needs_care", "minor", "family_with_children", "elderly"]);
const TIP_SOURCES = new Set(["public", "relative", "police", "district_office"]);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;
const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

const seen = new Set(); // device and id of every report stored since start-up

class Refusal {
    constructor(reason, detail) {
        this.reason = reason;
        this.detail = detail;
    }
}

function integer(report, name, min, max, required) {
    const v = report[name];
    if (v === undefined) {
        if (required) throw new Refusal("missing_field", `field '${name}' is required`);
        return undefined;
    }
    if (!Number.isInteger(v)) throw new Refusal("wrong_type", `field '${name}' must be an integer`);
    if (v < min || v > max) throw new Refusal("bad_value", `field '${name}' must be ${min}-${max}`);
    return v;
}

function text(report, name, maxChars, required) {
    const v = report[name];
    if (v === undefined) {
        if (required) throw new Refusal("missing_field", `field '${name}' is required`);
        return undefined;
    }
    if (typeof v !== "string") throw new Refusal("wrong_type", `field '${name}' must be a string`);
    if ([...v].length > maxChars) throw new Refusal("bad_value", `field '${name}' is longer than ${maxChars} characters`);
    return v;
}

function oneOf(report, name, allowed, required) {
    const v = text(report, name, 64, required);
    if (v !== undefined && !allowed.has(v)) throw new Refusal("bad_value", `field '${name}' must be one of ${[...allowed].join(", ")}`);
    return v;
}

function timestamp(report, now) {
    const v = text(report, "ts", 64, true);
    const m = RFC3339.exec(v);
    const at = Date.parse(v);
    if (!m || Number.isNaN(at)) throw new Refusal("bad_timestamp", "field 'ts' must be RFC 3339 with an offset");
    if (m[3]) {
        const minutes = (m[3] === "-" ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5]));
        if (minutes < -12 * 60 || minutes > 14 * 60 || Number(m[5]) > 59) throw new Refusal("bad_timestamp", "field 'ts' has an offset no clock uses");
    }
    if (at > now + MAX_CLOCK_AHEAD_MS) throw new Refusal("bad_timestamp", "field 'ts' is more than 10 minutes ahead");
}

// Throws a Refusal, or returns the report as it is stored.
function check(station, report, zones, now) {
    if (typeof report !== "object" || report === null || Array.isArray(report)) throw new Refusal("not_an_object", "the payload must be a JSON object");
    for (const name of Object.keys(report)) if (!FIELDS.has(name)) throw new Refusal("unknown_field", `field '${name}' is not part of a guard report`);
    const id = text(report, "id", 64, true);
    timestamp(report, now);
    const zone = text(report, "zone", 64, true);
    oneOf(report, "kind", KINDS, true);
    const persons = integer(report, "persons", 0, 500, true);
    text(report, "note", 500, false);
    oneOf(report, "tip_from", TIP_SOURCES, false);
    if (id.length === 0) throw new Refusal("bad_value", "field 'id' must not be empty");
    if (/[\u0000-\u001f\u007f]/.test(id)) throw new Refusal("bad_value", "field 'id' must not hold control characters");
    if (!zones.has(zone)) throw new Refusal("unknown_zone", `zone '${zone}' is not in the maps`);
    if (zones.get(zone) !== station) throw new Refusal("topic_mismatch", `zone '${zone}' belongs to ${zones.get(zone)}, the topic says ${station}`);
    const women = integer(report, "women", 0, 500, false) || 0;
    const men = integer(report, "men", 0, 500, false) || 0;
    if (women + men > persons) throw new Refusal("bad_value", "'women' and 'men' together are more than 'persons'");
    const categories = report.categories === undefined ? [] : report.categories;
    if (!Array.isArray(categories) || !categories.every((c) => typeof c === "string"))
        throw new Refusal("wrong_type", "field 'categories' must be an array of strings");
    for (const c of categories) if (!CATEGORIES.has(c)) throw new Refusal("unknown_category", `category '${c}' is not in the documented list`);
    if (new Set(categories).size !== categories.length) throw new Refusal("bad_value", "a category appears twice");
    if (persons === 0 && categories.length > 0) throw new Refusal("bad_value", "categories describe people, but 'persons' is 0");
    return report;
}

module.exports = function checkReport(topic, payload, zones, now) {
    const t = TOPIC.exec(topic);
    if (!t) return null;
    const [, station, device] = t;
    const receiptTopic = `platslage/v1/${station}/guard/${device}/receipt`;
    const heard = new Date(now).toISOString();
    let id = null;
    try {
        if (![...zones.values()].includes(station)) throw new Refusal("unknown_station", `station '${station}' is not in the maps`);
        if (Buffer.byteLength(payload, "utf8") > MAX_REPORT_BYTES) throw new Refusal("oversize", `a report is at most ${MAX_REPORT_BYTES} bytes`);
        let report;
        try {
            report = JSON.parse(payload);
        } catch (e) {
            throw new Refusal("malformed_json", "the payload is not JSON");
        }
        if (report && typeof report.id === "string" && report.id.length <= 64) id = report.id;
        check(station, report, zones, now);
        const key = `${device}\n${report.id}`;
        if (seen.has(key)) return { receiptTopic, receipt: { id, status: "duplicate" }, line: JSON.stringify({ heard, station, device, duplicate: id }) };
        seen.add(key);
        return { receiptTopic, receipt: { id, status: "stored" }, line: JSON.stringify({ heard, station, device, report }) };
    } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        return {
            receiptTopic,
            receipt: { id, status: "refused", reason: e.reason, detail: e.detail },
            line: JSON.stringify({ heard, station, device, refused: e.reason }),
        };
    }
};
