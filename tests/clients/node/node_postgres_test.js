// node-postgres (pg from npm) over the extended query protocol.
//
// pg sends no SSLRequest, sends every parameter as text with type OID 0
// (the server infers it) and reads every result as text, parsed by the
// column's type OID. Covered: every Basalt type with the OIDs and JS values
// pg produces; parameterized queries; named queries ({name, text, values}:
// parsed once per connection, then only Bind/Execute); rowMode 'array';
// json, jsonb, int[] and text[] as the JS objects and arrays pg sends and
// parses;
// transactions; errors with their SQLSTATE; a pg.Pool of 10 clients running
// hundreds of queries at once.
//
// Every step runs even when an earlier one failed, each on its own table,
// and the failures are listed at the end. Run by node_postgres_test.sh
// against Basalt; passes against PostgreSQL 15 too.
// Usage: node node_postgres_test.js <port> [step ...]
'use strict';
process.env.TZ = 'UTC';  // pg turns date and timestamp into local-time Dates
const assert = require('node:assert/strict');
const pg = require('pg');

const config = {host: '127.0.0.1', port: Number(process.argv[2]), user: 'basalt',
                database: 'basalt'};

// Type OIDs as PostgreSQL assigns them.
const OID = {bool: 16, int8: 20, int2: 21, int4: 23, text: 25, float4: 700, float8: 701,
             varchar: 1043, date: 1082, timestamp: 1114, timestamptz: 1184, numeric: 1700};

async function freshTable(client, name, columns) {
  await client.query(`drop table if exists ${name}`);
  await client.query(`create table ${name} (${columns})`);
}

async function types(client) {
  await freshTable(client, 'node_types',
                   'id int4 primary key, s int2, b int8, r float4, d float8, n numeric(10,2), ' +
                   't text, v varchar(20), f bool, dt date, ts timestamp, tz timestamptz');
  const insert = 'insert into node_types values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)';
  const res = await client.query(insert, [1, -7, '9000000000', 1.5, 1e100, '-12.34', 'apple',
                                          'red', true, '2024-02-29', '2024-02-29 13:45:30.123',
                                          '2024-02-29 12:00:00+00']);
  assert.equal(res.command, 'INSERT');
  assert.equal(res.rowCount, 1);
  await client.query(insert, [2, null, null, null, null, null, null, null, null, null, null,
                              null]);
  const rows = await client.query('select * from node_types order by id');
  assert.deepEqual(rows.fields.map(f => [f.name, f.dataTypeID]),
                   [['id', OID.int4], ['s', OID.int2], ['b', OID.int8], ['r', OID.float4],
                    ['d', OID.float8], ['n', OID.numeric], ['t', OID.text], ['v', OID.varchar],
                    ['f', OID.bool], ['dt', OID.date], ['ts', OID.timestamp],
                    ['tz', OID.timestamptz]]);
  assert.deepEqual(rows.rows[0], {
    id: 1, s: -7, b: '9000000000', r: 1.5, d: 1e100, n: '-12.34', t: 'apple', v: 'red', f: true,
    dt: new Date('2024-02-29T00:00:00Z'), ts: new Date('2024-02-29T13:45:30.123Z'),
    tz: new Date('2024-02-29T12:00:00Z'),
  });
  assert.deepEqual(Object.values(rows.rows[1]).slice(1), Array(11).fill(null));
  // JavaScript Dates as parameters are sent as text with the local offset.
  const when = await client.query('select id from node_types where tz = $1 and dt = $2',
                                  [new Date('2024-02-29T12:00:00Z'), '2024-02-29']);
  assert.deepEqual(when.rows, [{id: 1}]);
}

async function parameters(client) {
  await freshTable(client, 'node_params', 'id int8 primary key, name text, price numeric(8,2)');
  for (let i = 1; i <= 10; ++i) {
    await client.query('insert into node_params values ($1, $2, $3)', [i, `item${i}`, i / 4]);
  }
  let res = await client.query('select name from node_params where id = $1', [4]);
  assert.deepEqual(res.rows, [{name: 'item4'}]);
  res = await client.query(
      'select id, price from node_params where id >= $1 and name <> $2 order by id desc limit $3',
      [5, 'item9', 3]);
  assert.deepEqual(res.rows, [{id: '10', price: '2.50'}, {id: '8', price: '2.00'},
                              {id: '7', price: '1.75'}]);
  res = await client.query('update node_params set name = $1 where id <= $2', [null, 3]);
  assert.equal(res.rowCount, 3);
  res = await client.query('select id from node_params where name is null order by id');
  assert.deepEqual(res.rows.map(r => r.id), ['1', '2', '3']);
  res = await client.query('delete from node_params where id > $1', [8]);
  assert.equal(res.rowCount, 2);
  res = await client.query('select $1::int4 + $2::int4 as sum, $3::text || $4 as s', [40, 2, 'a',
                                                                                    'b']);
  assert.deepEqual(res.rows, [{sum: 42, s: 'ab'}]);
  assert.deepEqual(res.fields.map(f => f.dataTypeID), [OID.int4, OID.text]);
  res = await client.query({text: 'select id, name from node_params where id = $1', values: [5],
                            rowMode: 'array'});
  assert.deepEqual(res.rows, [['5', 'item5']]);
  res = await client.query('select id from node_params where id = $1', [1000]);
  assert.equal(res.rowCount, 0);
  assert.deepEqual(res.rows, []);
}

async function namedQueries(client) {
  await freshTable(client, 'node_named', 'id int4 primary key, v varchar(10), score float8');
  const insert = {name: 'node_named_insert', text: 'insert into node_named values ($1, $2, $3)'};
  for (let i = 1; i <= 20; ++i) {
    const res = await client.query({...insert, values: [i, `v${i}`, i * 0.5]});
    assert.equal(res.rowCount, 1);
  }
  const byId = {name: 'node_named_by_id', text: 'select v, score from node_named where id = $1'};
  for (let i = 1; i <= 20; ++i) {
    const res = await client.query({...byId, values: [i]});
    assert.deepEqual(res.rows, [{v: `v${i}`, score: i * 0.5}], `named query run ${i}`);
  }
  const res = await client.query({...byId, values: [99]});
  assert.deepEqual(res.rows, []);
  // Two named statements used in turn on one connection.
  const upTo = {name: 'node_named_upto', text: 'select id from node_named where id <= $1 order by id'};
  for (let i = 1; i <= 5; ++i) {
    const a = await client.query({...upTo, values: [i]});
    assert.deepEqual(a.rows.map(r => r.id), Array.from({length: i}, (_, k) => k + 1));
    const b = await client.query({...byId, values: [i]});
    assert.equal(b.rows[0].v, `v${i}`);
  }
  // An error in a named query leaves the statement usable.
  await assert.rejects(client.query({...byId, values: ['x']}), {code: '22P02'});
  assert.deepEqual((await client.query({...byId, values: [3]})).rows, [{v: 'v3', score: 1.5}]);
}

async function transactions(client) {
  await freshTable(client, 'node_tx', 'id int4 primary key, v int8');
  await client.query('begin');
  await client.query('insert into node_tx values ($1, $2)', [1, 100]);
  await client.query('commit');
  await client.query('begin');
  await client.query('insert into node_tx values ($1, $2)', [2, 200]);
  await client.query('rollback');
  await client.query('begin');
  await assert.rejects(client.query('insert into node_tx values ($1, $2)', [1, 5]),
                       {code: '23505'});
  await assert.rejects(client.query('select 1'), {code: '25P02'});
  await client.query('rollback');
  const res = await client.query('select id, v from node_tx order by id');
  assert.deepEqual(res.rows, [{id: 1, v: '100'}]);
  await assert.rejects(client.query('select * from node_missing'), {code: '42P01'});
  await assert.rejects(client.query('select nope from node_tx'), {code: '42703'});
  await assert.rejects(client.query('select 1 / $1::int4', [0]), {code: '22012'});
  await assert.rejects(client.query('selec 1'), {code: '42601'});
  assert.deepEqual((await client.query('select 1 as one')).rows, [{one: 1}]);
}

// json, jsonb, int[] and text[] through pg's own serialization: a JS object
// is sent as JSON.stringify's text, a JS array as an array literal (every
// element quoted, NULL for null), so a JSON array or scalar for a json column
// is stringified by hand; results come back through JSON.parse and pg's
// array parsers.
const JSON_NULL = Symbol('JSON null');  // not SQL NULL: the json value null

async function jsonArrays(client) {
  await freshTable(client, 'node_json',
                   'id int4 primary key, j json, jb jsonb, ints int4[], texts text[]');
  const nested = {name: 'héllo 日本 😀', n: 1.5, neg: -7, big: 1e21, ok: true, none: null,
                  list: [1, 'two', {three: [3, {deep: 'x"y\\z'}]}, [], {}],
                  'key with "quotes"': {'': 'empty key', tab: 'a\tb\nc'}};
  const rows = [
    {id: 1, j: nested, jb: {b: [1, 2, {c: null}], a: {z: 'last', y: ['é', '\u2603']}},
     ints: [1, -2, null, 2147483647, -2147483648],
     texts: ['a,b', 'say "hi"', 'back\\slash', '', ' padded ', 'NULL', null, '{braces}',
             'héllo 日本 😀', 'line\nbreak']},
    {id: 2, j: {}, jb: [], ints: [], texts: []},
    {id: 3, j: null, jb: null, ints: null, texts: null},
    {id: 4, j: [1, 'two', {three: 3}, [4, [5]], null, false], jb: 'just a string',
     ints: [null], texts: [null, null]},
    {id: 5, j: JSON_NULL, jb: 42, ints: [0], texts: ['']},
  ];
  // What to send: objects as they are, JSON arrays and scalars stringified.
  const asJson = v => {
    if (v === JSON_NULL) return 'null';
    return v === null || (typeof v === 'object' && !Array.isArray(v)) ? v : JSON.stringify(v);
  };
  // What comes back: JSON.parse of the stored text (JSON null is null too).
  const expected = rows.map(r => ({...r, j: r.j === JSON_NULL ? null : r.j}));
  const insert = 'insert into node_json values ($1, $2, $3, $4, $5)';
  for (const r of rows.slice(0, 3)) {
    const res = await client.query(insert, [r.id, asJson(r.j), asJson(r.jb), r.ints, r.texts]);
    assert.equal(res.rowCount, 1);
  }
  // The others through a named (prepared) statement.
  for (const r of rows.slice(3)) {
    await client.query({name: 'node_json_insert', text: insert,
                        values: [r.id, asJson(r.j), asJson(r.jb), r.ints, r.texts]});
  }
  const select = 'select id, j, jb, ints, texts from node_json';
  let res = await client.query(`${select} order by id`);
  assert.deepEqual(res.fields.map(f => [f.name, f.dataTypeID]),
                   [['id', OID.int4], ['j', 114], ['jb', 3802], ['ints', 1007], ['texts', 1009]]);
  assert.deepEqual(res.rows, expected);
  res = await client.query({text: `${select} order by id`, rowMode: 'array'});
  assert.deepEqual(res.rows, expected.map(r => [r.id, r.j, r.jb, r.ints, r.texts]));
  // A named query by id, twice (the second time only Bind / Execute), and in
  // rowMode 'array'.
  for (let round = 0; round < 2; ++round) {
    for (const r of expected) {
      res = await client.query({name: 'node_json_by_id', text: `${select} where id = $1`,
                                values: [r.id]});
      assert.deepEqual(res.rows, [r], `row ${r.id}`);
      res = await client.query({name: 'node_json_by_id_array', text: `${select} where id = $1`,
                                values: [r.id], rowMode: 'array'});
      assert.deepEqual(res.rows, [[r.id, r.j, r.jb, r.ints, r.texts]], `row ${r.id} as array`);
    }
  }
  // Parameters compared with the stored values.
  const ids = async (where, values) =>
    (await client.query(`select id from node_json where ${where} order by id`, values))
        .rows.map(r => r.id);
  assert.deepEqual(await ids('jb @> $1', [{b: [{c: null}]}]), [1]);
  assert.deepEqual(await ids('texts = $1', [rows[0].texts]), [1]);
  assert.deepEqual(await ids('$1 = any(ints)', [-2]), [1]);
  assert.deepEqual(await ids('ints = $1', [[]]), [2]);
  assert.deepEqual(await ids('j::jsonb = $1', [nested]), [1]);
  assert.deepEqual(await ids('jb = $1', [JSON.stringify('just a string')]), [4]);
  // Values echoed through typed parameters.
  res = await client.query('select $1::json as j, $2::jsonb as jb, $3::int4[] as i, $4::text[] as t',
                           [nested, nested, rows[0].ints, rows[0].texts]);
  assert.deepEqual(res.rows, [{j: nested, jb: nested, i: rows[0].ints, t: rows[0].texts}]);
  // An update through jsonb operators, then jsonb_to_recordset over a parameter.
  await client.query("update node_json set jb = jb || $1, texts = array_append(texts, $2) " +
                     'where id = $3', [{added: ['x', 1]}, 'more "text"', 2]);
  res = await client.query('select jb, texts from node_json where id = 2');
  // jb was [] : [] || {...} is the array with the object appended.
  assert.deepEqual(res.rows, [{jb: [{added: ['x', 1]}], texts: ['more "text"']}]);
  res = await client.query(
      'select * from jsonb_to_recordset($1) as x(a int, b text[], c jsonb) order by a',
      [JSON.stringify([{a: 2, b: ['p', 'q,r'], c: {d: [1]}}, {a: 1}])]);
  assert.deepEqual(res.rows, [{a: 1, b: null, c: null}, {a: 2, b: ['p', 'q,r'], c: {d: [1]}}]);
}

async function pool() {
  const setup = new pg.Client(config);
  await setup.connect();
  try {
    await freshTable(setup, 'node_pool', 'id int4 primary key, worker int4, v text');
  } finally {
    await setup.end();
  }
  const p = new pg.Pool({...config, max: 10});
  try {
    // 400 inserts at once through 10 connections, then 400 reads.
    await Promise.all(Array.from({length: 400}, (_, i) =>
        p.query('insert into node_pool values ($1, $2, $3)', [i, i % 10, `v${i}`])));
    const reads = await Promise.all(Array.from({length: 400}, (_, i) =>
        p.query({name: 'node_pool_read', text: 'select v, worker from node_pool where id = $1',
                 values: [i]})));
    reads.forEach((res, i) => assert.deepEqual(res.rows, [{v: `v${i}`, worker: i % 10}]));
    assert.equal(p.totalCount, 10, 'the pool opened all 10 clients');
    // 10 clients at once, each with its own transaction of several statements.
    await Promise.all(Array.from({length: 10}, async (_, w) => {
      const c = await p.connect();
      try {
        await c.query('begin');
        const mine = await c.query('select id from node_pool where worker = $1 order by id', [w]);
        assert.equal(mine.rowCount, 40);
        await c.query('update node_pool set v = $1 where worker = $2', [`w${w}`, w]);
        await c.query('delete from node_pool where worker = $1 and id >= $2', [w, 300]);
        await c.query('commit');
      } finally {
        c.release();
      }
    }));
    const all = await p.query('select id, worker, v from node_pool order by id');
    assert.equal(all.rowCount, 300);
    all.rows.forEach((r, i) => assert.deepEqual(r, {id: i, worker: i % 10, v: `w${i % 10}`}));
  } finally {
    await p.end();
  }
}

const steps = {types, parameters, named_queries: namedQueries, transactions,
               json_arrays: jsonArrays, pool};

async function main() {
  const wanted = process.argv.slice(3);
  let passed = 0;
  const failed = [];
  for (const [name, step] of Object.entries(steps)) {
    if (wanted.length && !wanted.includes(name)) continue;
    let client = null;
    try {
      if (name !== 'pool') {
        client = new pg.Client(config);
        await client.connect();
      }
      await step(client);
      ++passed;
      console.log(`ok   ${name}`);
    } catch (e) {
      failed.push(name);
      const code = e.code ? ` (SQLSTATE ${e.code})` : '';
      console.log(`FAIL ${name}: ${e.message}${code}`);
      if (e.stack) console.log(e.stack.split('\n').slice(1, 4).join('\n'));
    } finally {
      if (client) await client.end().catch(() => {});
    }
  }
  console.log(`node-postgres: ${passed} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

main().then(code => process.exit(code));
