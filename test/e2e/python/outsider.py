"""An outsider's gRPC client (Debian's python3-grpcio), stubs made from the project's own .proto
files at run time: calls the registry's IssueCredential for an LGSP, with or without a bearer
token, and prints how it ended as one JSON line.

usage: outsider.py <proto dir> <stub dir> <host:port> <consumer> [<token>]
"""
import json
import sys

import grpc
from grpc_tools import protoc


def main() -> int:
    proto_dir, stub_dir, address, consumer = sys.argv[1:5]
    token = sys.argv[5] if len(sys.argv) > 5 else ""
    rc = protoc.main(["protoc", f"-I{proto_dir}", f"--python_out={stub_dir}", f"--grpc_python_out={stub_dir}", "ndxp/registry/v1/registry.proto"])
    if rc != 0:
        print(json.dumps({"error": f"protoc exited {rc}"}))
        return 2
    sys.path.insert(0, stub_dir)
    from ndxp.registry.v1 import registry_pb2, registry_pb2_grpc  # noqa: E402 (generated above)

    metadata = [("authorization", f"Bearer {token}")] if token else []
    with grpc.insecure_channel(address) as channel:
        stub = registry_pb2_grpc.RegistryStub(channel)
        try:
            res = stub.IssueCredential(registry_pb2.IssueCredentialRequest(consumer=consumer, kind="token"), metadata=metadata, timeout=10)
            print(json.dumps({"status": "OK", "has_secret": bool(res.secret), "key_id": res.credential.key_id}))
        except grpc.RpcError as err:
            trailing = dict(err.trailing_metadata() or ())
            print(json.dumps({"status": err.code().name, "ndxp_code": trailing.get("ndxp-code", ""), "details": err.details()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
