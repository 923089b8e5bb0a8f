"""Gives the backup pod the cache's Redis nodes as one host with a port per node.

scripts/maintenance/blog_backup.py snapshots the cache as a host runs it: one address
(BLOG_REDIS_HOST) and a port per cluster node (BLOG_REDIS_CLUSTER_PORTS), or one port in single
mode (BLOG_REDIS_PORT). On Kubernetes each node is a pod of its own, so this forwards those ports
on 127.0.0.1 to redis-0.redis:6379, redis-1.redis:6379, ... in order, and the backup code stays
the one the host runs. /tmp/forward-ready tells the pod's startup probe that every port listens.
"""
import asyncio
import os
import pathlib


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


def forward_to(host):
    async def connection(reader, writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, 6379)
        except OSError:
            writer.close()
            return
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer), return_exceptions=True)
    return connection


async def main():
    if os.environ["BLOG_REDIS_MODE"] == "cluster":
        ports = os.environ["BLOG_REDIS_CLUSTER_PORTS"].split()
    else:
        ports = [os.environ["BLOG_REDIS_PORT"]]
    servers = [await asyncio.start_server(forward_to(f"redis-{n}.redis"), "127.0.0.1", int(port))
               for n, port in enumerate(ports)]
    pathlib.Path("/tmp/forward-ready").touch()
    await asyncio.gather(*(server.serve_forever() for server in servers))


asyncio.run(main())
