// The peer's check against docs/protocol.md's guard report and receipt: `node --test` here
// (ctest runs it as node-red-peer-check). Reports are made up: counts and zones, no person.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("path");
const checkReport = require("./check-report.js");
const zones = require("./zones.js")(path.join(__dirname, "..", "..", "maps"));

const now = Date.parse("2026-12-05T01:00:00Z");
const topic = "platslage/v1/centralen/guard/hh-07/report";
const report = { id: "hh-07-000123", ts: "2026-12-05T01:59:00+01:00", zone: "centralen.vantytor", kind: "observation", persons: 2, categories: ["sleeping"] };
let n = 0;
const receipt = (fields, t = topic) => checkReport(t, JSON.stringify({ ...report, id: `t-${++n}`, ...fields }), zones, now).receipt;

test("a good report is stored once, its line in the file and its receipt on the device's topic", () => {
    const out = checkReport(topic, JSON.stringify(report), zones, now);
    assert.deepStrictEqual(out.receipt, { id: "hh-07-000123", status: "stored" });
    assert.strictEqual(out.receiptTopic, "platslage/v1/centralen/guard/hh-07/receipt");
    assert.deepStrictEqual(JSON.parse(out.line).report, report);
    assert.strictEqual(checkReport(topic, JSON.stringify(report), zones, now).receipt.status, "duplicate");
});

test("refusals carry the protocol's reasons", () => {
    const cases = [
        [{ persons: "2" }, "wrong_type"],
        [{ persons: 501 }, "bad_value"],
        [{ kind: "visit" }, "bad_value"],
        [{ zone: "centralen.perrong" }, "unknown_zone"],
        [{ categories: ["sleeping", "sleeping"] }, "bad_value"],
        [{ categories: ["tired"] }, "unknown_category"],
        [{ persons: 0 }, "bad_value"],
        [{ women: 2, men: 1 }, "bad_value"],
        [{ ts: "2026-12-05T01:00:00" }, "bad_timestamp"],
        [{ ts: "2026-12-05T01:11:00Z" }, "bad_timestamp"],
        [{ extra: 1 }, "unknown_field"],
        [{ id: "" }, "bad_value"],
        [{ kind: undefined }, "missing_field"],
    ];
    for (const [fields, reason] of cases) assert.strictEqual(receipt(fields).reason, reason, JSON.stringify(fields));
});

test("a zone of the other station is a topic mismatch", () => {
    const other = [...zones].find(([, station]) => station === "cityterminalen")[0];
    assert.strictEqual(receipt({ zone: other }).reason, "topic_mismatch");
});

test("what cannot be read gets a receipt with a null id; a topic that does not parse gets none", () => {
    assert.deepStrictEqual(checkReport(topic, "{", zones, now).receipt.id, null);
    assert.strictEqual(checkReport(topic, "[]", zones, now).receipt.reason, "not_an_object");
    assert.strictEqual(checkReport(topic, JSON.stringify({ ...report, note: "x".repeat(5000) }), zones, now).receipt.reason, "oversize");
    assert.strictEqual(checkReport("platslage/v1/malmo/guard/hh-07/report", JSON.stringify(report), zones, now).receipt.reason, "unknown_station");
    assert.strictEqual(checkReport("platslage/v1/centralen/guard/hh.07/report", JSON.stringify(report), zones, now), null);
});
