"""A gRPC user's view of a server's standard services (Debian's python3-grpcio and python3-grpc-tools):
health Check and Watch, server reflection (v1 and v1alpha) and the google.rpc.Status of a failed call.
Stubs are compiled at run time from the protos the servers implement. Prints JSON lines.

usage: grpc_standard.py <stub dir> <health.proto> <reflection proto dir> <repo proto dir> <host:port> <ca file or -> <command> [args]
  commands: check <service> | watch <service> <count> | reflect <v1|v1alpha> | call <method path> <request hex> [token]
"""
import json
import os
import re
import shutil
import sys

import grpc
import grpc_tools
from grpc_tools import protoc


def compile_stubs(stub_dir, health_proto, reflection_dir, repo_proto_dir):
    # The reflection protos sit under grpc/reflection/: copied under refl/ so their Python modules do
    # not collide with the grpc package itself.
    src = os.path.join(stub_dir, "src")
    for version in ("v1", "v1alpha"):
        os.makedirs(os.path.join(src, "refl", version), exist_ok=True)
        shutil.copy(os.path.join(reflection_dir, "grpc", "reflection", version, "reflection.proto"), os.path.join(src, "refl", version))
    os.makedirs(os.path.join(src, "health", "v1"), exist_ok=True)
    shutil.copy(health_proto, os.path.join(src, "health", "v1", "health.proto"))
    wkt = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    files = ["refl/v1/reflection.proto", "refl/v1alpha/reflection.proto", "health/v1/health.proto"]
    rc = protoc.main(["protoc", f"-I{src}", f"-I{wkt}", f"--python_out={stub_dir}", f"--grpc_python_out={stub_dir}", *files])
    # Debian's grpc_tools bundles a protoc older than proto3 `optional` (one field of error_details.proto,
    # QuotaFailure.Violation.future_quota_value, unused here): the stub is made from a copy without the
    # label, same field numbers, same wire form.
    os.makedirs(os.path.join(src, "google", "rpc"), exist_ok=True)
    shutil.copy(os.path.join(repo_proto_dir, "google", "rpc", "status.proto"), os.path.join(src, "google", "rpc"))
    with open(os.path.join(repo_proto_dir, "google", "rpc", "error_details.proto"), encoding="utf-8") as f:
        text = re.sub(r"^(\s*)optional\s+", r"\1", f.read(), flags=re.M)
    with open(os.path.join(src, "google", "rpc", "error_details.proto"), "w", encoding="utf-8") as f:
        f.write(text)
    google = ["google/rpc/status.proto", "google/rpc/error_details.proto"]
    rc = rc or protoc.main(["protoc", f"-I{src}", f"-I{wkt}", f"--python_out={stub_dir}", *google])
    if rc != 0:
        raise SystemExit(f"protoc exited {rc}")
    sys.path.insert(0, stub_dir)


def emit(obj):
    print(json.dumps(obj), flush=True)


def channel_for(address, ca):
    if ca == "-":
        return grpc.insecure_channel(address)
    with open(ca, "rb") as f:
        creds = grpc.ssl_channel_credentials(root_certificates=f.read())
    return grpc.secure_channel(address, creds, options=[("grpc.ssl_target_name_override", "localhost")])


def check(channel, service):
    from health.v1 import health_pb2, health_pb2_grpc

    stub = health_pb2_grpc.HealthStub(channel)
    try:
        res = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
        emit({"status": health_pb2.HealthCheckResponse.ServingStatus.Name(res.status)})
    except grpc.RpcError as err:
        emit({"error": err.code().name})


def watch(channel, service, count):
    from health.v1 import health_pb2, health_pb2_grpc

    stub = health_pb2_grpc.HealthStub(channel)
    try:
        for i, res in enumerate(stub.Watch(health_pb2.HealthCheckRequest(service=service), timeout=30)):
            emit({"status": health_pb2.HealthCheckResponse.ServingStatus.Name(res.status)})
            if i + 1 >= count:
                return
    except grpc.RpcError as err:
        emit({"error": err.code().name})


def reflect(channel, version):
    import importlib

    pb2 = importlib.import_module(f"refl.{version}.reflection_pb2")
    grpc_pb2 = importlib.import_module(f"refl.{version}.reflection_pb2_grpc")
    stub = grpc_pb2.ServerReflectionStub(channel)
    try:
        answers = list(stub.ServerReflectionInfo(iter([pb2.ServerReflectionRequest(list_services="*")]), timeout=10))
        services = sorted(s.name for s in answers[0].list_services_response.service)
        # Every listed service must resolve to its file (with the imports it needs).
        requests = [pb2.ServerReflectionRequest(file_containing_symbol=name) for name in services]
        files = {}
        for a in stub.ServerReflectionInfo(iter(requests), timeout=10):
            if a.HasField("error_response"):
                files[a.original_request.file_containing_symbol] = f"error {a.error_response.error_code}"
            else:
                files[a.original_request.file_containing_symbol] = len(a.file_descriptor_response.file_descriptor_proto)
        emit({"services": services, "files": files})
    except grpc.RpcError as err:
        emit({"error": err.code().name})


def call(channel, path, request_hex, token):
    from google.rpc import error_details_pb2, status_pb2

    method = channel.unary_unary(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)
    metadata = [("authorization", f"Bearer {token}")] if token else []
    try:
        method(bytes.fromhex(request_hex), metadata=metadata, timeout=10)
        emit({"status": "OK"})
    except grpc.RpcError as err:
        trailing = dict(err.trailing_metadata() or ())
        status = status_pb2.Status.FromString(trailing.get("grpc-status-details-bin", b""))
        details = []
        for any_ in status.details:
            for cls in (error_details_pb2.ErrorInfo, error_details_pb2.BadRequest, error_details_pb2.RetryInfo):
                if any_.Is(cls.DESCRIPTOR):
                    msg = cls()
                    any_.Unpack(msg)
                    details.append({"type": cls.DESCRIPTOR.full_name, **describe(msg)})
        emit({"status": err.code().name, "ndxp_code": trailing.get("ndxp-code", ""), "code": status.code, "message": status.message, "details": details})


def describe(msg):
    from google.protobuf import json_format

    return json_format.MessageToDict(msg, preserving_proto_field_name=True)


def main():
    stub_dir, health_proto, reflection_dir, repo_proto_dir, address, ca, command, *args = sys.argv[1:]
    compile_stubs(stub_dir, health_proto, reflection_dir, repo_proto_dir)
    with channel_for(address, ca) as channel:
        if command == "check":
            check(channel, args[0] if args else "")
        elif command == "watch":
            watch(channel, args[0], int(args[1]))
        elif command == "reflect":
            reflect(channel, args[0])
        elif command == "call":
            call(channel, args[0], args[1], args[2] if len(args) > 2 else "")
        else:
            raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
