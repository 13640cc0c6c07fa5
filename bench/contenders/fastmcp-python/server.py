"""FastMCP (Python): the benchmark's two tools written the FastMCP way.

Typed functions, pydantic models for the nested objects and Annotated Field
constraints, so FastMCP derives the schemas and validates with pydantic, as
its users write it. Same answers as bench/contenders/shared.mjs.

    server.py                      stdio
    server.py --http [--stateful]  Streamable HTTP with JSON answers on an
                                   already bound 127.0.0.1 socket; prints
                                   "listening <port>" on stderr.
"""

import socket
import sys
from itertools import count
from typing import Annotated, Literal

from fastmcp import FastMCP
from pydantic import BaseModel, EmailStr, Field

mcp = FastMCP("bench-fastmcp-python", version="1.0.0")


@mcp.tool
def add(
    a: Annotated[float, Field(description="The first number.")],
    b: Annotated[float, Field(description="The second number.")],
) -> float:
    """Add two numbers."""
    return a + b


class Address(BaseModel):
    street: Annotated[str, Field(min_length=1)]
    city: Annotated[str, Field(min_length=1)]
    postal_code: Annotated[str, Field(max_length=16)]
    country: Annotated[str, Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 country code.")]


class LineItem(BaseModel):
    sku: Annotated[str, Field(min_length=1)]
    quantity: Annotated[int, Field(ge=1, le=1000)]
    unit_price: Annotated[float, Field(ge=0)]


class OrderReceipt(BaseModel):
    order_id: str
    total: float
    item_count: int
    status: Literal["accepted"]


next_order = count(1)


@mcp.tool
def create_order(
    customer_id: Annotated[str, Field(min_length=1)],
    customer_name: str,
    email: EmailStr,
    currency: Literal["USD", "EUR", "GBP", "JPY"],
    shipping: Literal["standard", "express", "overnight"],
    shipping_address: Address,
    items: Annotated[list[LineItem], Field(min_length=1, max_length=100)],
    billing_address: Annotated[Address | None, Field(description="Defaults to the shipping address.")] = None,
    coupon: str | None = None,
    gift: bool | None = None,
    notes: Annotated[str | None, Field(max_length=500)] = None,
) -> OrderReceipt:
    """Place an order for a customer and return its receipt."""
    total = 0.0
    item_count = 0
    for item in items:
        total += item.quantity * item.unit_price
        item_count += item.quantity
    if coupon is not None:
        total *= 0.9
    return OrderReceipt(
        order_id=f"{customer_id}-{currency}-{next(next_order)}",
        total=round(total * 100) / 100,
        item_count=item_count,
        status="accepted",
    )


if __name__ == "__main__":
    if "--http" not in sys.argv:
        mcp.run(transport="stdio", show_banner=False)
    else:
        # Port 0 and a socket bound here, so the harness learns the port
        # the system chose; uvicorn accepts on it once it is up.
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1024)
        print(f"listening {listener.getsockname()[1]}", file=sys.stderr, flush=True)
        mcp.run(
            transport="http",
            show_banner=False,
            host="127.0.0.1",
            port=listener.getsockname()[1],
            json_response=True,
            stateless_http="--stateful" not in sys.argv,
            sockets=[listener],
            # No line on stderr per request: no other contender logs its calls.
            uvicorn_config={"access_log": False},
        )
