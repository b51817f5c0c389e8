#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
"""Writes the broken and hostile CPU profiles, traces and heap profiles of tests/bad_inputs/cpu/ from small valid
ones. The expected error lines are in expected.tsv next to this script (reviewed by hand: they are the contract).
Deterministic; run from anywhere."""
import gzip
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def frame(name, script='0', url='', line=-1, column=-1):
    return {'functionName': name, 'scriptId': script, 'url': url, 'lineNumber': line, 'columnNumber': column}


# (root) -> main -> work, and (idle): 4 samples of 1 ms.
NODES = [
    {'id': 1, 'callFrame': frame('(root)'), 'hitCount': 0, 'children': [2, 4]},
    {'id': 2, 'callFrame': frame('main', '1', 'file:///app.js', 0, 0), 'hitCount': 1, 'children': [3]},
    {'id': 3, 'callFrame': frame('work', '1', 'file:///app.js', 4, 2), 'hitCount': 2},
    {'id': 4, 'callFrame': frame('(idle)'), 'hitCount': 1},
]


def profile(nodes=None, samples=(2, 3, 3, 4), deltas=(1000, 1000, 1000, 1000), start=1000, end=5000, drop=()):
    p = {'nodes': NODES if nodes is None else nodes, 'startTime': start, 'endTime': end, 'samples': list(samples),
         'timeDeltas': list(deltas)}
    for key in drop:
        del p[key]
    return json.dumps(p, separators=(',', ':')) + '\n'


BASE = profile()

TRACE = json.dumps({'traceEvents': [
    {'ph': 'P', 'name': 'Profile', 'pid': 1, 'tid': 1, 'ts': 1000, 'id': '0x1', 'args': {'data': {'startTime': 1000}}},
    {'ph': 'P', 'name': 'ProfileChunk', 'pid': 1, 'tid': 1, 'ts': 2000, 'id': '0x1', 'args': {'data': {
        'cpuProfile': {'nodes': [{'id': 1, 'callFrame': frame('(root)')},
                                 {'id': 2, 'callFrame': frame('main', '1', 'file:///app.js', 0, 0), 'parent': 1}],
                       'samples': [2, 2]},
        'timeDeltas': [100, 100]}}},
]}, separators=(',', ':')) + '\n'

HEAP = json.dumps({'head': {'callFrame': frame('(root)'), 'selfSize': 0, 'id': 1, 'children': [
    {'callFrame': frame('alloc', '1', 'file:///app.js', 3, 0), 'selfSize': 4096, 'id': 2, 'children': []}]},
    'samples': [{'size': 4096, 'nodeId': 2, 'ordinal': 1}]}, separators=(',', ':')) + '\n'

CASES = {}


def case(name, content):
    CASES[name] = content.encode('utf-8') if isinstance(content, str) else content


def cut_after(marker, text=BASE, extra=0):
    i = text.index(marker)
    return text[:i + len(marker) + extra]


case('valid.cpuprofile', BASE)
case('valid_trace.json', TRACE)
case('valid.heapprofile', HEAP)
case('empty.cpuprofile', b'')
case('only_whitespace.cpuprofile', '\n \n')
case('trunc_in_nodes.cpuprofile', cut_after('"functionName":"ma'))
case('trunc_after_nodes.cpuprofile', cut_after('"hitCount":1}],'))
case('trunc_mid_samples.cpuprofile', cut_after('"samples":[2,3'))
case('trunc_before_last_brace.cpuprofile', BASE.rstrip()[:-1])
case('top_level_true.cpuprofile', 'true\n')
case('top_level_null.cpuprofile', 'null\n')
case('top_level_number.cpuprofile', '42\n')
case('top_level_string.cpuprofile', '"nodes"\n')
case('nodes_is_object.cpuprofile', BASE.replace('"nodes":[', '"nodes":{"x":[', 1).replace(']}],"startTime"', ']}]},"startTime"', 1))
case('node_without_id.cpuprofile', BASE.replace('{"id":3,', '{', 1))
case('duplicate_node_id.cpuprofile', BASE.replace('{"id":3,', '{"id":2,', 1))
case('unknown_child.cpuprofile', BASE.replace('"children":[3]', '"children":[9]'))
case('child_is_itself.cpuprofile', BASE.replace('"children":[3]', '"children":[2]'))
case('child_cycle.cpuprofile', BASE.replace('"hitCount":2}', '"hitCount":2,"children":[2]}'))
case('sample_unknown_node.cpuprofile', profile(samples=(2, 3, 9, 4)))
case('deltas_count_mismatch.cpuprofile', profile(deltas=(1000, 1000, 1000)))
case('string_in_samples.cpuprofile', BASE.replace('"samples":[2,3', '"samples":["2",3'))
case('fraction_in_samples.cpuprofile', BASE.replace('"samples":[2,3', '"samples":[2.5,3'))
case('null_in_deltas.cpuprofile', BASE.replace('"timeDeltas":[1000', '"timeDeltas":[null'))
case('negative_deltas.cpuprofile', profile(deltas=(1000, -5000, 1000, 1000)))
case('huge_deltas.cpuprofile', profile(deltas=(1000, 9223372036854775807, 9223372036854775807, 1000)))
case('huge_start_time.cpuprofile', profile(start=9223372036854775807, end=-9223372036854775808))
case('overflow_number.cpuprofile', BASE.replace('"startTime":1000', '"startTime":1e400'))
case('missing_nodes.cpuprofile', profile(nodes=[], drop=()).replace('"nodes":[],', ''))
case('empty_nodes.cpuprofile', profile(nodes=[]))
case('garbage_after_end.cpuprofile', BASE + 'garbage')
case('bom_utf8.cpuprofile', b'\xef\xbb\xbf' + BASE.encode())
case('utf16le_bom.cpuprofile', b'\xff\xfe' + BASE.encode('utf-16-le'))
case('lone_surrogate.cpuprofile', BASE.replace('"functionName":"work"', '"functionName":"wo\\ud800rk"'))
case('invalid_escape.cpuprofile', BASE.replace('"functionName":"work"', '"functionName":"wo\\qrk"'))
case('gzip_truncated.cpuprofile.gz', gzip.compress(BASE.encode(), mtime=0)[:100])
case('trace_chunk_without_profile.json', TRACE.replace('"name":"Profile",', '"name":"Other",', 1))
case('trace_events_not_array.json', '{"traceEvents":{"ph":"P"}}\n')
case('trace_empty.json', '{"traceEvents":[]}\n')
case('heap_missing_head.heapprofile', HEAP.replace('"head"', '"hed"', 1))
case('heap_negative_size.heapprofile', HEAP.replace('"selfSize":4096', '"selfSize":-4096'))


def main():
    for old in os.listdir(HERE):
        if old.endswith(('.cpuprofile', '.json', '.heapprofile', '.gz')):
            os.remove(os.path.join(HERE, old))
    for name, data in CASES.items():
        with open(os.path.join(HERE, name), 'wb') as f:
            f.write(data)
    print('wrote %d files to %s' % (len(CASES), HERE))


if __name__ == '__main__':
    main()
