"""deploy/: the Dockerfiles, the compose files and the Kubernetes manifests, checked without a Docker engine or a
cluster, plus the example app behind a real traceproxy with the environment those files give the sidecar.

What runs offline here:
- Kubernetes: the Kustomize base and overlays are rendered by a small renderer below (resources, images and
  strategic-merge patches: the subset deploy/kubernetes uses; anything else fails loudly), cross-checked against
  `kubectl kustomize` / `kustomize build` when one is installed, and every rendered object is validated against
  the Kubernetes OpenAPI schemas shipped by the kubernetes-validate package (strict: unknown fields fail).
- Compose: a structural check with PyYAML (`docker compose config` too when the compose plugin exists).
- Dockerfiles: parsed with dockerfile-parse; stages, packages, USER, EXPOSE, HEALTHCHECK, ENTRYPOINT, and that every
  COPY source exists and is not excluded by .dockerignore.
- Live: uvicorn + traceproxy with the compose and Kubernetes sidecar environment.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import dockerfile_parse
import httpx
import kubernetes_validate
import pytest
import yaml

from conftest import ROOT, free_port, start_traceproxy, traceproxy_binary

DEPLOY = ROOT / "deploy"
KUBE = DEPLOY / "kubernetes"
KUSTOMIZATIONS = ["base", "overlays/jaeger", "overlays/datadog"]
COMPOSE_DIR = DEPLOY / "compose"
COMPOSE_BASE = COMPOSE_DIR / "docker-compose.yml"
COMPOSE_DATADOG = COMPOSE_DIR / "docker-compose.datadog.yml"
KUBERNETES_VERSIONS = ["1.30", "1.33"]  # oldest and a recent one that kubernetes-validate ships

# traceproxy's configuration interface (DESIGN.md and the issues); a misspelt variable in a manifest fails here.
TRACEPROXY_ENV = {
    "TRACEPROXY_UPSTREAM", "TRACEPROXY_LISTEN", "TRACEPROXY_ADMIN", "TRACEPROXY_ADMIN_PUBLIC",
    "TRACEPROXY_CONNECT_TIMEOUT", "TRACEPROXY_UPSTREAM_TIMEOUT", "TRACEPROXY_HEADER_TIMEOUT",
    "TRACEPROXY_IDLE_TIMEOUT", "TRACEPROXY_DRAIN_TIMEOUT", "TRACEPROXY_MAX_HEADER_BYTES",
    "TRACEPROXY_MAX_CONNECTIONS", "TRACEPROXY_REWRITE_HOST", "TRACEPROXY_ACCESS_LOG", "TRACEPROXY_LOG_LEVEL",
    "TRACEPROXY_CONSOLE_OUTPUT",
    "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_PROTOCOL",
    "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS", "OTEL_BSP_MAX_QUEUE_SIZE",
    "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT",
    "DD_AGENT_HOST", "DD_TRACE_AGENT_PORT", "DD_TRACE_AGENT_URL", "DD_SERVICE", "DD_ENV", "DD_VERSION",
}
EXPORTERS = {"otlp", "jaeger", "zipkin", "datadog", "console", "none"}
TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


def load_yaml_docs(path: Path) -> list[dict]:
    with path.open() as f:
        return [doc for doc in yaml.safe_load_all(f) if doc is not None]


def duration_seconds(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m)?", str(text))
    assert match, f"not a duration: {text!r}"
    value, unit = float(match.group(1)), match.group(2) or "s"
    return value * {"ms": 0.001, "s": 1, "m": 60}[unit]


# ---------------------------------------------------------------------------------------------------------------
# A Kustomize renderer for the subset deploy/kubernetes uses.

# Strategic-merge keys of the lists we patch (from the Kubernetes API's x-kubernetes-patch-merge-key).
MERGE_KEYS = {
    "containers": "name", "initContainers": "name", "ephemeralContainers": "name", "env": "name",
    "volumes": "name", "volumeMounts": "mountPath", "imagePullSecrets": "name", "hostAliases": "ip",
}
SUPPORTED_KUSTOMIZATION_KEYS = {"apiVersion", "kind", "resources", "images", "patches", "patchesStrategicMerge"}


def merge_key(field: str, items: list) -> str | None:
    if field == "ports":
        # container ports merge on containerPort, Service ports on port
        return "containerPort" if all(isinstance(i, dict) and "containerPort" in i for i in items) else "port"
    return MERGE_KEYS.get(field)


def strategic_merge(original, patch, field: str | None = None):
    """Strategic merge patch as kustomize applies it: maps merge, null deletes, keyed lists merge by key (the
    patch's items first, in its order, then the original's other items), other lists are replaced."""
    if isinstance(patch, dict) and isinstance(original, dict):
        if any(k.startswith("$") for k in patch):
            raise NotImplementedError(f"patch directive {sorted(patch)} is not supported by this renderer")
        result = copy.deepcopy(original)
        for key, value in patch.items():
            if value is None:
                result.pop(key, None)
            elif key in result:
                result[key] = strategic_merge(result[key], value, key)
            else:
                result[key] = copy.deepcopy(value)
        return result
    if isinstance(patch, list) and isinstance(original, list):
        key = merge_key(field, original + patch) if field else None
        if key is None or not all(isinstance(i, dict) and key in i for i in original + patch):
            return copy.deepcopy(patch)
        originals = {item[key]: item for item in original}
        merged = [strategic_merge(originals[item[key]], item) if item[key] in originals else copy.deepcopy(item)
                  for item in patch]
        patched_keys = {item[key] for item in patch}
        return merged + [copy.deepcopy(item) for item in original if item[key] not in patched_keys]
    return copy.deepcopy(patch)


def object_id(obj: dict) -> tuple[str, str]:
    return obj["kind"], obj["metadata"]["name"]


def apply_images(objects: list[dict], images: list[dict]) -> None:
    def containers(obj):
        spec = obj.get("spec", {}).get("template", {}).get("spec", {})
        return spec.get("containers", []) + spec.get("initContainers", [])

    for obj in objects:
        for container in containers(obj):
            image = container["image"]
            name, tag = (image.rsplit(":", 1) + [None])[:2] if ":" in image.split("/")[-1] else (image, None)
            for rule in images:
                if rule["name"] == name:
                    unknown = set(rule) - {"name", "newName", "newTag", "digest"}
                    assert not unknown, f"unsupported images fields {unknown}"
                    name = rule.get("newName", name)
                    tag = rule.get("newTag", tag)
                    container["image"] = f"{name}@{rule['digest']}" if "digest" in rule else (
                        f"{name}:{tag}" if tag else name)


def render_kustomization(directory: Path) -> list[dict]:
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED_KUSTOMIZATION_KEYS
    assert not unknown, f"{directory}: kustomization fields {sorted(unknown)} are not supported by the test renderer"
    objects: list[dict] = []
    for resource in kustomization.get("resources", []):
        path = (directory / resource).resolve()
        objects += render_kustomization(path) if path.is_dir() else load_yaml_docs(path)
    ids = [object_id(o) for o in objects]
    assert len(ids) == len(set(ids)), f"{directory}: duplicate objects {ids}"
    patch_files = [p["path"] if isinstance(p, dict) else p for p in kustomization.get("patches", [])]
    for entry in kustomization.get("patches", []):
        assert isinstance(entry, dict) and set(entry) == {"path"}, f"only `- path: file` patches are supported: {entry}"
    patch_files += kustomization.get("patchesStrategicMerge", [])
    for patch_file in patch_files:
        for patch in load_yaml_docs(directory / patch_file):
            matches = [i for i, o in enumerate(objects) if object_id(o) == object_id(patch)]
            assert len(matches) == 1, f"{patch_file}: patch target {object_id(patch)} not found once in {ids}"
            objects[matches[0]] = strategic_merge(objects[matches[0]], patch)
    apply_images(objects, kustomization.get("images", []))
    return objects


@pytest.fixture(scope="module", params=KUSTOMIZATIONS)
def rendered(request) -> tuple[str, list[dict]]:
    return request.param, render_kustomization(KUBE / request.param)


def find(objects: list[dict], kind: str, name: str | None = None) -> dict:
    found = [o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    assert len(found) == 1, f"expected one {kind} {name or ''}, found {[object_id(o) for o in found]}"
    return found[0]


def sidecar(objects: list[dict]) -> dict:
    pod = find(objects, "Deployment", "example-app")["spec"]["template"]["spec"]
    return next(c for c in pod["containers"] if c["name"] == "traceproxy")


def env_list(container: dict) -> dict[str, dict]:
    return {e["name"]: e for e in container.get("env", [])}


def kustomize_command() -> list[str] | None:
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        try:
            out = subprocess.run(["kubectl", "version", "--client", "-o", "json"], capture_output=True, text=True,
                                 timeout=30).stdout
            minor = int(re.sub(r"\D", "", json.loads(out)["clientVersion"]["minor"]))
        except (subprocess.SubprocessError, ValueError, KeyError, json.JSONDecodeError):
            return None
        if minor >= 21:  # kustomize v4+, which knows `patches: - path:`; Debian bookworm's kubectl is 1.20
            return ["kubectl", "kustomize"]
    return None


# ---------------------------------------------------------------------------------------------------------------
# Kubernetes


def test_strategic_merge_renderer_itself():
    base = {"spec": {"containers": [{"name": "a", "env": [{"name": "X", "value": "1"}]}, {"name": "b"}],
                     "args": ["x"], "drop": 1}}
    patch = {"spec": {"containers": [{"name": "b", "image": "i"}, {"name": "a", "env": [{"name": "Y", "value": "2"}]}],
                      "args": ["y"], "drop": None}}
    assert strategic_merge(base, patch) == {"spec": {"containers": [
        {"name": "b", "image": "i"},
        {"name": "a", "env": [{"name": "Y", "value": "2"}, {"name": "X", "value": "1"}]},
    ], "args": ["y"]}}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_rendered_manifests_match_kubernetes_schemas(rendered, version):
    name, objects = rendered
    assert objects, f"{name} rendered nothing"
    for obj in objects:
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{name}: {object_id(obj)} is invalid for Kubernetes {version}: "
                        f"{'.'.join(map(str, error.path))}: {error.message}")


def test_renderer_agrees_with_kustomize(rendered):
    command = kustomize_command()
    if command is None:
        pytest.skip("no kustomize v4+ here (kubectl >= 1.21 or kustomize); the Python renderer stands alone")
    name, objects = rendered
    result = subprocess.run([*command, str(KUBE / name)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    theirs = {object_id(o): o for o in yaml.safe_load_all(result.stdout) if o}
    ours = {object_id(o): o for o in objects}
    assert ours == theirs


def test_sidecar_pod_shape(rendered):
    name, objects = rendered
    deployment = find(objects, "Deployment", "example-app")
    pod = deployment["spec"]["template"]["spec"]
    assert {c["name"] for c in pod["containers"]} == {"app", "traceproxy"}
    proxy = sidecar(objects)
    app = next(c for c in pod["containers"] if c["name"] == "app")
    env = env_list(proxy)

    # The app listens on loopback only; the sidecar forwards there.
    app_command = app.get("command", []) + app.get("args", [])
    assert app_command[app_command.index("--host") + 1] == "127.0.0.1"
    app_port = app_command[app_command.index("--port") + 1]
    assert env["TRACEPROXY_UPSTREAM"]["value"] == f"http://127.0.0.1:{app_port}"
    assert "ports" not in app, "the app must not expose a port: traffic goes through the sidecar"

    # The Service targets the sidecar's 7800, not the app and not the admin port.
    ports = {p["name"]: p["containerPort"] for p in proxy["ports"]}
    assert ports == {"http": 7800, "admin": 7801}
    assert env["TRACEPROXY_LISTEN"]["value"] == "0.0.0.0:7800"
    service = find(objects, "Service", "example-app")
    assert [p["targetPort"] for p in service["spec"]["ports"]] == ["http"]
    assert service["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= \
        deployment["spec"]["template"]["metadata"]["labels"].items()

    # Probes on the admin port, which must then listen on the pod IP (kubelet never probes the pod's loopback).
    assert proxy["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "admin"}
    assert proxy["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "admin"}
    assert env["TRACEPROXY_ADMIN"]["value"] == "0.0.0.0:7801"
    assert env["TRACEPROXY_ADMIN_PUBLIC"]["value"] == "true"

    # Downward API into the resource attributes.
    assert env["POD_NAME"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    assert env["POD_NAMESPACE"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.namespace"
    attributes = env["OTEL_RESOURCE_ATTRIBUTES"]["value"]
    assert "k8s.pod.name=$(POD_NAME)" in attributes and "k8s.namespace.name=$(POD_NAMESPACE)" in attributes
    assert all(re.fullmatch(r"[\w.]+=[^,=]+", pair) for pair in attributes.split(","))

    # Graceful shutdown fits in the grace period.
    assert pod["terminationGracePeriodSeconds"] > duration_seconds(env["TRACEPROXY_DRAIN_TIMEOUT"]["value"])


def test_env_references_resolve_in_order(rendered):
    """$(VAR) in an env value expands only variables defined earlier in the same list (otherwise the kubelet
    passes the literal text): check it on the rendered order, which patches change."""
    name, objects = rendered
    for obj in objects:
        pod = obj.get("spec", {}).get("template", {}).get("spec")
        for container in (pod or {}).get("containers", []):
            defined: set[str] = set()
            for entry in container.get("env", []):
                for reference in re.findall(r"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)", entry.get("value", "")):
                    assert reference in defined, f"{name}: {container['name']} {entry['name']} uses $({reference}) " \
                                                 "before it is defined"
                defined.add(entry["name"])


def test_hardened_security_context_and_resources(rendered):
    name, objects = rendered
    for obj in objects:
        pod = obj.get("spec", {}).get("template", {}).get("spec")
        if pod is None:
            continue
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod.get("automountServiceAccountToken") is False
        for container in pod["containers"]:
            where = f"{name}: {obj['metadata']['name']}/{container['name']}"
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, where
            assert context["capabilities"]["drop"] == ["ALL"], where
            assert {"requests", "limits"} <= set(container["resources"]), where
            if obj["metadata"]["name"] == "example-app":
                assert context["readOnlyRootFilesystem"] is True, where
    resources = sidecar(objects)["resources"]
    assert resources == {"requests": {"cpu": "50m", "memory": "32Mi"}, "limits": {"cpu": "500m", "memory": "128Mi"}}


def test_only_known_traceproxy_settings(rendered):
    name, objects = rendered
    proxy = sidecar(objects)
    unknown = set(env_list(proxy)) - TRACEPROXY_ENV - {"POD_NAME", "POD_NAMESPACE"}
    assert not unknown, f"{name}: unknown traceproxy settings {unknown}"
    env = env_list(proxy)
    if "OTEL_TRACES_EXPORTER" in env:
        assert set(env["OTEL_TRACES_EXPORTER"]["value"].split(",")) <= EXPORTERS


def test_jaeger_overlay_exports_otlp_to_the_collector_service():
    objects = render_kustomization(KUBE / "overlays/jaeger")
    env = env_list(sidecar(objects))
    assert env["OTEL_TRACES_EXPORTER"]["value"] == "otlp"
    assert env["OTEL_EXPORTER_OTLP_PROTOCOL"]["value"] == "http/protobuf"
    endpoint = httpx.URL(env["OTEL_EXPORTER_OTLP_ENDPOINT"]["value"])
    service = find(objects, "Service", endpoint.host.split(".")[0])
    assert endpoint.port in [p["port"] for p in service["spec"]["ports"]] and endpoint.port == 4318
    jaeger = find(objects, "Deployment", "jaeger")
    assert service["spec"]["selector"].items() <= jaeger["spec"]["template"]["metadata"]["labels"].items()
    image = jaeger["spec"]["template"]["spec"]["containers"][0]["image"]
    assert re.fullmatch(r"jaegertracing/jaeger:2\.\d+\.\d+", image)


def test_datadog_overlay_sends_to_the_node_agent():
    objects = render_kustomization(KUBE / "overlays/datadog")
    proxy = sidecar(objects)
    assert proxy["args"] == ["--exporter", "datadog"]
    env = env_list(proxy)
    assert env["DD_AGENT_HOST"]["valueFrom"]["fieldRef"]["fieldPath"] == "status.hostIP"
    assert env["DD_TRACE_AGENT_PORT"]["value"] == "8126"
    labels = find(objects, "Deployment", "example-app")["spec"]["template"]["metadata"]["labels"]
    for tag in ("service", "env", "version"):
        assert labels[f"tags.datadoghq.com/{tag}"] == env[f"DD_{tag.upper()}"]["value"]
    # The base's admin server, probes and downward API survive the patch.
    assert {"POD_NAME", "TRACEPROXY_ADMIN", "OTEL_RESOURCE_ATTRIBUTES"} <= set(env)
    assert "livenessProbe" in proxy


# ---------------------------------------------------------------------------------------------------------------
# Compose

SERVICE_KEYS = {
    "build", "image", "command", "entrypoint", "environment", "env_file", "ports", "expose", "depends_on",
    "restart", "healthcheck", "volumes", "tmpfs", "read_only", "cap_drop", "cap_add", "security_opt", "user",
    "stop_grace_period", "stop_signal", "networks", "labels", "profiles", "init", "deploy", "logging",
    "container_name", "hostname", "extra_hosts", "working_dir", "mem_limit", "cpus", "ulimits", "pid",
}
TOP_KEYS = {"name", "services", "networks", "volumes", "configs", "secrets", "include"}
PORT = re.compile(r"^(?:(?:\d{1,3}\.){3}\d{1,3}:)?(?:\d{1,5}:)?\d{1,5}(?:/(?:tcp|udp))?$")
INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$\$|\$([A-Za-z_][A-Za-z0-9_]*)")
APPENDED_LISTS = {"ports", "expose", "volumes", "tmpfs", "cap_drop", "cap_add", "security_opt"}


def compose_merge(base, override, field: str | None = None):
    """Compose's merge of -f files, for the parts used here: maps merge, command/entrypoint replace,
    ports/expose/volumes/... append."""
    if isinstance(base, dict) and isinstance(override, dict):
        result = copy.deepcopy(base)
        for key, value in override.items():
            result[key] = compose_merge(result[key], value, key) if key in result else copy.deepcopy(value)
        return result
    if isinstance(base, list) and isinstance(override, list) and field in APPENDED_LISTS:
        return base + [item for item in override if item not in base]
    return copy.deepcopy(override)


def compose_files():
    base = yaml.safe_load(COMPOSE_BASE.read_text())
    datadog = yaml.safe_load(COMPOSE_DATADOG.read_text())
    return {"base": base, "datadog": datadog, "base+datadog": compose_merge(base, datadog)}


def check_strings(value, where: str) -> None:
    """Every scalar a string (compose's env values must be; unquoted yes/true/8126 are classic traps), and every
    interpolation well formed."""
    if isinstance(value, dict):
        for k, v in value.items():
            check_strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            check_strings(v, f"{where}[{i}]")
    elif isinstance(value, str):
        stripped = INTERPOLATION.sub("", value)
        assert "$" not in stripped, f"{where}: malformed interpolation in {value!r}"


@pytest.mark.parametrize("which", ["base", "datadog", "base+datadog"])
def test_compose_structure(which):
    document = compose_files()[which]
    assert set(document) <= TOP_KEYS, f"unknown top-level keys {set(document) - TOP_KEYS}"
    services = document["services"]
    complete = which != "datadog"  # the override file alone names services defined in the base file
    for name, service in services.items():
        where = f"{which}: services.{name}"
        assert set(service) <= SERVICE_KEYS, f"{where}: unknown keys {set(service) - SERVICE_KEYS}"
        if complete:
            assert "image" in service or "build" in service, f"{where}: neither image nor build"
        if "build" in service:
            context = (COMPOSE_DIR / service["build"]["context"]).resolve()
            dockerfile = context / service["build"].get("dockerfile", "Dockerfile")
            assert dockerfile.is_file(), f"{where}: {dockerfile} missing"
        for port in service.get("ports", []):
            assert isinstance(port, str) and PORT.match(port), f"{where}: bad port {port!r} (quote it)"
        for port in service.get("expose", []):
            assert isinstance(port, str) and port.isdigit(), f"{where}: bad expose {port!r}"
        environment = service.get("environment", {})
        assert isinstance(environment, dict), f"{where}: use the mapping form for environment"
        for key, value in environment.items():
            assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", key), f"{where}: bad variable name {key}"
            assert isinstance(value, str), f"{where}: {key} is {type(value).__name__}, quote it"
        check_strings(service, where)
        for command_key in ("command", "entrypoint"):
            if command_key in service:
                assert isinstance(service[command_key], list), f"{where}: use the exec (list) form of {command_key}"
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict)
        for target, condition in depends.items():
            if complete:
                assert target in services, f"{where}: depends_on {target}, which is not a service"
            assert condition["condition"] in {"service_started", "service_healthy", "service_completed_successfully"}
            if condition["condition"] == "service_healthy" and complete:
                target_service = services[target]
                has_check = "healthcheck" in target_service or "build" in target_service  # Dockerfile HEALTHCHECK
                assert has_check, f"{where}: {target} has no health check to wait for"


def test_compose_topology():
    files = compose_files()
    base, merged = files["base"]["services"], files["base+datadog"]["services"]
    assert "ports" not in base["app"], "the app must be reachable only through traceproxy"
    proxy = base["traceproxy"]
    env = proxy["environment"]
    assert set(env) <= TRACEPROXY_ENV
    assert set(env["OTEL_TRACES_EXPORTER"].split(",")) <= EXPORTERS
    upstream = httpx.URL(env["TRACEPROXY_UPSTREAM"])
    assert upstream.host in base and str(upstream.port) in base[upstream.host]["expose"]
    assert env["TRACEPROXY_LISTEN"] == "0.0.0.0:7800"
    assert "7800:7800" in proxy["ports"] and "127.0.0.1:7801:7801" in proxy["ports"]
    assert env["TRACEPROXY_ADMIN"] == "0.0.0.0:7801" and env["TRACEPROXY_ADMIN_PUBLIC"] == "true"
    assert duration_seconds(proxy["stop_grace_period"]) > duration_seconds(env["TRACEPROXY_DRAIN_TIMEOUT"])
    otlp = httpx.URL(env["OTEL_EXPORTER_OTLP_ENDPOINT"])
    assert otlp.host == "jaeger" and otlp.port == 4318
    assert re.fullmatch(r"jaegertracing/jaeger:2\.\d+\.\d+", base["jaeger"]["image"])
    assert any(p.endswith("16686:16686") for p in base["jaeger"]["ports"])

    proxy_dd, agent = merged["traceproxy"], merged["datadog-agent"]
    assert proxy_dd["command"] == ["--exporter", "datadog"]
    assert proxy_dd["environment"]["DD_AGENT_HOST"] == "datadog-agent"
    assert set(proxy_dd["environment"]) <= TRACEPROXY_ENV
    assert agent["image"] == "gcr.io/datadoghq/agent:7"
    agent_env = agent["environment"]
    assert agent_env["DD_API_KEY"].startswith("${DD_API_KEY")
    assert agent_env["DD_APM_ENABLED"] == "true" and agent_env["DD_APM_NON_LOCAL_TRAFFIC"] == "true"
    assert "8126" in agent["expose"] and proxy_dd["environment"]["DD_TRACE_AGENT_PORT"] == "8126"


def test_docker_compose_config_when_available(tmp_path):
    docker = shutil.which("docker")
    if not docker or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        pytest.skip("no docker compose plugin here; the structural checks above stand in for it")
    env = {**os.environ, "DD_API_KEY": "dummy"}
    for files in ([COMPOSE_BASE], [COMPOSE_BASE, COMPOSE_DATADOG]):
        args = [a for f in files for a in ("-f", str(f))]
        result = subprocess.run([docker, "compose", *args, "config", "--quiet"], capture_output=True, text=True,
                                env=env, timeout=60)
        assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------------------------------
# Dockerfiles


def parse_dockerfile(path: Path):
    parser = dockerfile_parse.DockerfileParser(path=str(path))
    args = {}
    for instruction in parser.structure:
        if instruction["instruction"] == "ARG" and "=" in instruction["value"]:
            key, value = instruction["value"].split("=", 1)
            args[key] = value.strip('"')
        if instruction["instruction"] == "FROM":
            break
    stages: list[dict] = []
    for instruction in parser.structure:
        if instruction["instruction"] == "FROM":
            words = instruction["value"].split()
            image = re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: args[m.group(1) or m.group(2)], words[0])
            stages.append({"image": image, "name": words[2] if len(words) == 3 else None, "lines": []})
        elif stages:
            stages[-1]["lines"].append((instruction["instruction"], instruction["value"]))
    return stages


def dockerignore_excludes(root: Path, relative: str) -> bool:
    """Docker's rule: the last matching pattern wins; a pattern also excludes everything below what it matches."""
    ignore = root / ".dockerignore"
    if not ignore.exists():
        return False
    excluded = False
    for line in ignore.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate, pattern = line.startswith("!"), line.lstrip("!").strip("/")
        parts = relative.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        regex = "^" + re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*") \
            .replace(r"\*", "[^/]*").replace(r"\?", "[^/]") + "$"
        if any(re.match(regex, prefix) for prefix in prefixes):
            excluded = not negate
    return excluded


def instructions(stage: dict, kind: str) -> list[str]:
    return [value for instruction, value in stage["lines"] if instruction == kind]


def test_traceproxy_dockerfile():
    stages = parse_dockerfile(DEPLOY / "Dockerfile")
    assert len(stages) >= 2, "multi-stage build expected"
    build, runtime = stages[0], stages[-1]
    assert re.fullmatch(r"swift:6\.\d+-bookworm", build["image"]), build["image"]
    assert runtime["image"] == "debian:bookworm-slim"

    build_runs = " ".join(instructions(build, "RUN"))
    assert "libcurl4-openssl-dev" in build_runs
    assert re.search(r"swift build -c release --static-swift-stdlib", build_runs)
    runtime_runs = " ".join(instructions(runtime, "RUN"))
    for package in ("libcurl4", "ca-certificates"):
        assert re.search(rf"\b{package}\b(?!-)", runtime_runs), f"runtime lacks {package}"
    assert "--uid 10001" in runtime_runs

    # Everything the build stage copies exists and survives .dockerignore (context: the repository root).
    for value in instructions(build, "COPY"):
        sources = [w for w in value.split() if not w.startswith("--")][:-1]
        for source in sources:
            assert (ROOT / source).exists(), f"COPY {source}: missing"
            assert not dockerignore_excludes(ROOT, source), f"COPY {source}: excluded by .dockerignore"
    # Package.swift's targets (test targets too: SwiftPM loads the package only if their folders exist).
    copied = {w for v in instructions(build, "COPY") for w in v.split()[:-1]}
    for folder in ("Sources", "Tests"):
        assert folder in copied, f"{folder} must be copied: Package.swift declares targets there"
    for target_dir in [p for p in (ROOT / "Tests").iterdir() if p.is_dir() and p.name != "python"]:
        assert not dockerignore_excludes(ROOT, f"Tests/{target_dir.name}"), target_dir
    copy_from = [v for v in instructions(runtime, "COPY") if v.startswith("--from=")]
    assert copy_from and "/usr/local/bin/traceproxy" in copy_from[0]

    users = instructions(runtime, "USER")
    assert users and users[-1].split(":")[0] == "10001", "runtime must run as uid 10001"
    assert json.loads(instructions(runtime, "ENTRYPOINT")[-1]) == ["traceproxy"]
    assert {"7800", "7801"} <= set(" ".join(instructions(runtime, "EXPOSE")).split())
    healthcheck = instructions(runtime, "HEALTHCHECK")
    assert healthcheck, "HEALTHCHECK missing"
    assert "127.0.0.1:7801/healthz" in healthcheck[-1]
    if "curl" in healthcheck[-1]:
        assert re.search(r"\bcurl\b", runtime_runs), "HEALTHCHECK uses curl, which the runtime does not install"
    assert "TRACEPROXY_LISTEN=0.0.0.0:7800" in " ".join(instructions(runtime, "ENV"))


def test_dockerignore_keeps_local_builds_out():
    for path in (".build", ".build-release", ".build_x", ".venv", "artifacts", "Tests/python/__pycache__"):
        assert dockerignore_excludes(ROOT, path), f".dockerignore lets {path} into the build context"
    for path in ("Package.swift", "Sources/traceproxy", "Tests/TraceProxyProxyTests"):
        assert not dockerignore_excludes(ROOT, path), f".dockerignore drops {path}"


def test_example_app_dockerfile():
    folder = DEPLOY / "example-app"
    stages = parse_dockerfile(folder / "Dockerfile")
    stage = stages[-1]
    assert stage["image"].startswith("python:3.")
    for value in instructions(stage, "COPY"):
        for source in value.split()[:-1]:
            assert (folder / source).exists(), f"COPY {source}: missing"
    users = instructions(stage, "USER")
    assert users and users[-1].split(":")[0] not in {"0", "root"}
    command = json.loads(instructions(stage, "CMD")[-1])
    assert command[:2] == ["uvicorn", "app:app"] and command[command.index("--port") + 1] == "8000"
    assert instructions(stage, "HEALTHCHECK")


# ---------------------------------------------------------------------------------------------------------------
# Live: the example app behind traceproxy, with the sidecar's environment from compose and Kubernetes.


def traceproxy_help() -> str:
    result = subprocess.run([traceproxy_binary(), "--help"], capture_output=True, text=True, timeout=30)
    return result.stdout + result.stderr


def compose_sidecar_env() -> dict[str, str]:
    return dict(yaml.safe_load(COMPOSE_BASE.read_text())["services"]["traceproxy"]["environment"])


def kubernetes_sidecar_env(overlay: str = "overlays/jaeger") -> dict[str, str]:
    """An overlay's sidecar env as the kubelet would give it: downward API filled in, $(VAR) expanded."""
    downward = {"metadata.name": "example-app-7d4b9-x2x9z", "metadata.namespace": "default",
                "status.hostIP": "127.0.0.1"}
    env: dict[str, str] = {}
    for entry in sidecar(render_kustomization(KUBE / overlay))["env"]:
        if "valueFrom" in entry:
            env[entry["name"]] = downward[entry["valueFrom"]["fieldRef"]["fieldPath"]]
        else:
            env[entry["name"]] = re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), entry["value"])
    return env


SIDECAR_ENVS = {
    "compose": compose_sidecar_env,
    "compose-datadog": lambda: dict(compose_files()["base+datadog"]["services"]["traceproxy"]["environment"]),
    "kubernetes-jaeger": kubernetes_sidecar_env,
    "kubernetes-datadog": lambda: kubernetes_sidecar_env("overlays/datadog"),
}


@pytest.fixture(params=sorted(SIDECAR_ENVS))
def deployed_proxy(request, fastapi_app, tmp_path):
    """traceproxy with the manifests' env, except what only makes sense there: the upstream (the local uvicorn),
    the listen and admin addresses (free loopback ports) and the exporter (console into a file, since there is no
    Jaeger here; a bad value in the other settings still fails start-up)."""
    env = SIDECAR_ENVS[request.param]()
    admin_port = free_port()
    spans = tmp_path / "spans.jsonl"
    env.update({
        "TRACEPROXY_UPSTREAM": fastapi_app.url,
        "TRACEPROXY_LISTEN": "127.0.0.1:0",  # overridden by start_traceproxy's --listen
        "TRACEPROXY_ADMIN": f"127.0.0.1:{admin_port}",
        "OTEL_TRACES_EXPORTER": "console",
        "TRACEPROXY_CONSOLE_OUTPUT": str(spans),
    })
    running = start_traceproxy(fastapi_app.url, tmp_path, env=env)
    running.spans, running.admin_port, running.env = spans, admin_port, env
    yield running
    running.stop()


def read_spans(path: Path, trace_id: str, timeout: float = 10.0) -> list[dict]:
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            spans = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            found = [s for s in spans if s.get("traceId") == trace_id]
            if found:
                return found
        time.sleep(0.1)
    return []


def test_example_app_behind_traceproxy(deployed_proxy):
    trace_id = os.urandom(16).hex()
    incoming = f"00-{trace_id}-{os.urandom(8).hex()}-01"
    with httpx.Client(timeout=10) as client:
        item = client.get(deployed_proxy.url + "/items/7")
        assert item.status_code == 200 and item.json()["id"] == 7
        fresh = client.get(deployed_proxy.url + "/trace-headers").json()
        continued = client.get(deployed_proxy.url + "/trace-headers", headers={"traceparent": incoming}).json()

    assert TRACEPARENT.match(fresh["traceparent"] or ""), fresh  # a new root: the app still sees a traceparent
    seen = TRACEPARENT.match(continued["traceparent"] or "")
    assert seen and seen.group(1) == trace_id, continued
    assert seen.group(2) != incoming.split("-")[2], "the proxy's own span must be the app's parent"

    spans = read_spans(deployed_proxy.spans, trace_id)
    assert spans, f"no span for {trace_id}; log:\n{deployed_proxy.log.read_text()}"
    assert spans[0]["spanId"] == seen.group(2)
    assert spans[0]["service"] == deployed_proxy.env["OTEL_SERVICE_NAME"] == "example-app"


def test_admin_probes_answer(deployed_proxy):
    if "--admin" not in traceproxy_help():
        pytest.skip("this traceproxy build has no admin server yet (--admin lands in a parallel branch)")
    with httpx.Client(timeout=5) as client:
        for path in ("/healthz", "/readyz"):
            response = client.get(f"http://127.0.0.1:{deployed_proxy.admin_port}{path}")
            assert response.status_code == 200, (path, response.text)
