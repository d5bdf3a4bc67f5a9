"""An ordinary FastAPI service that knows nothing about tracing.

traceproxy sits in front of it; the tests and the deploy examples use it as the typical upstream.
"""

import asyncio
import gzip

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

app = FastAPI(title="example-app", version="1.0.0")

ITEMS = {i: {"id": i, "name": f"item {i}", "price": round(i * 1.25, 2)} for i in range(1, 100)}


@app.get("/")
async def root():
    return {"service": "example-app"}


@app.get("/items/{item_id}")
async def get_item(item_id: int):
    item = ITEMS.get(item_id)
    if item is None:
        return JSONResponse({"detail": "item not found"}, status_code=404)
    return item


@app.post("/items")
async def create_item(request: Request):
    body = await request.json()
    return JSONResponse({"created": body}, status_code=201)


@app.get("/users/{user_id}/orders/{order_id}")
async def get_order(user_id: int, order_id: str):
    return {"user_id": user_id, "order_id": order_id}


@app.get("/trace-headers")
async def trace_headers(request: Request):
    """What a traced app would read: the context the proxy injected."""
    return {
        "traceparent": request.headers.get("traceparent"),
        "tracestate": request.headers.get("tracestate"),
        "x-forwarded-for": request.headers.get("x-forwarded-for"),
        "x-forwarded-proto": request.headers.get("x-forwarded-proto"),
        "host": request.headers.get("host"),
    }


@app.post("/echo")
async def echo(request: Request):
    body = await request.body()
    return Response(body, media_type=request.headers.get("content-type", "application/octet-stream"))


@app.get("/status/{code}")
async def status(code: int):
    return Response(f"status {code}\n", status_code=code, media_type="text/plain")


@app.get("/slow")
async def slow(ms: int = 100):
    await asyncio.sleep(ms / 1000)
    return {"slept_ms": ms}


@app.get("/gzip")
async def gzipped():
    payload = gzip.compress(b"compressed hello " * 64)
    return Response(payload, media_type="text/plain", headers={"content-encoding": "gzip"})


@app.get("/stream")
async def stream(chunks: int = 5):
    async def generate():
        for i in range(chunks):
            yield f"chunk {i}\n".encode()
            await asyncio.sleep(0.01)

    return StreamingResponse(generate(), media_type="text/plain")


@app.get("/cookies")
async def cookies():
    response = Response("cookies\n", media_type="text/plain")
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response


@app.get("/fail")
async def fail():
    raise RuntimeError("boom")
