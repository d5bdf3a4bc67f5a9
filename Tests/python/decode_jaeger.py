"""Decode Jaeger Thrift with jaeger-client's generated types and print a canonical JSON summary.
Usage: decode_jaeger.py FILE --agent    (compact emitBatch datagram, as the agent on 6831 reads it)
       decode_jaeger.py FILE            (binary Batch without envelope, as the collector's /api/traces reads it)"""

import json
import sys

from jaeger_client.thrift_gen.agent import Agent
from jaeger_client.thrift_gen.jaeger import ttypes
from thrift.protocol import TBinaryProtocol, TCompactProtocol
from thrift.Thrift import TMessageType
from thrift.transport import TTransport

TAG_TYPES = {0: "string", 1: "double", 2: "bool", 3: "long", 4: "binary"}


def decode_agent_datagram(data: bytes):
    transport = TTransport.TMemoryBuffer(data)
    protocol = TCompactProtocol.TCompactProtocol(transport)
    name, message_type, sequence_id = protocol.readMessageBegin()
    assert name == "emitBatch", name
    assert message_type == TMessageType.ONEWAY, message_type
    arguments = Agent.emitBatch_args()
    arguments.read(protocol)
    protocol.readMessageEnd()
    remaining = len(data) - transport._buffer.tell()
    assert remaining == 0, f"{remaining} trailing bytes"
    return arguments.batch


def decode_collector_batch(data: bytes):
    transport = TTransport.TMemoryBuffer(data)
    batch = ttypes.Batch()
    batch.read(TBinaryProtocol.TBinaryProtocol(transport))
    remaining = len(data) - transport._buffer.tell()
    assert remaining == 0, f"{remaining} trailing bytes"
    return batch


def unsigned_hex(value: int) -> str:
    return format(value & 0xFFFFFFFFFFFFFFFF, "016x")


def tag(t):
    kind = TAG_TYPES[t.vType]
    value = {"string": t.vStr, "double": t.vDouble, "bool": t.vBool, "long": t.vLong, "binary": t.vBinary}[kind]
    # The field matching vType must be set, and no other.
    others = [v for k, v in {"string": t.vStr, "double": t.vDouble, "bool": t.vBool, "long": t.vLong}.items() if k != kind]
    assert value is not None, f"tag {t.key}: vType {kind} without its value"
    assert all(v is None for v in others), f"tag {t.key}: more than one value field"
    return [t.key, {kind: value}]


def summarize(batch) -> dict:
    return {
        "process": {"service_name": batch.process.serviceName, "tags": [tag(t) for t in batch.process.tags or []]},
        "spans": [
            {
                "trace_id": unsigned_hex(span.traceIdHigh) + unsigned_hex(span.traceIdLow),
                "span_id": unsigned_hex(span.spanId),
                "parent_span_id": unsigned_hex(span.parentSpanId),
                "operation_name": span.operationName,
                "flags": span.flags,
                "start_time": span.startTime,
                "duration": span.duration,
                "tags": [tag(t) for t in span.tags or []],
            }
            for span in batch.spans
        ],
    }


def main(argv):
    with open(argv[1], "rb") as file:
        data = file.read()
    batch = decode_agent_datagram(data) if "--agent" in argv else decode_collector_batch(data)
    print(json.dumps(summarize(batch), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
