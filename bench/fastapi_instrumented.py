"""The example FastAPI app instrumented in-process with OpenTelemetry, the way its users would do it.

opentelemetry-instrumentation-fastapi, a TracerProvider with a BatchSpanProcessor and the OTLP/HTTP
protobuf exporter (endpoint from OTEL_EXPORTER_OTLP_ENDPOINT). Served by bench/harness.py with
`uvicorn fastapi_instrumented:app --app-dir bench`; EXAMPLE_APP_DIR points at deploy/example-app.
"""

import os
import sys

sys.path.insert(0, os.environ.get("EXAMPLE_APP_DIR", os.path.join(os.path.dirname(__file__), "..", "deploy", "example-app")))

from app import app  # noqa: E402  the unmodified example app
from opentelemetry import trace  # noqa: E402
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: E402
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402

provider = TracerProvider(resource=Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "fastapi-instrumented")}))
provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
trace.set_tracer_provider(provider)
FastAPIInstrumentor.instrument_app(app, tracer_provider=provider)

__all__ = ["app"]
