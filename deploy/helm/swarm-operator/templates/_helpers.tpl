{{/* The release's full name, at most 63 characters. */}}
{{- define "swarm-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "swarm-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "swarm-operator.labels" -}}
{{ include "swarm-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
The operator instances, as a JSON list: the main one, then one per sharding.shards entry
(docs/operations.md, "Sharding: more than one operator"). Each has its name suffix, its shard
(empty for the main one) and the label selector of the releases it handles (empty: every release).
*/}}
{{- define "swarm-operator.instances" -}}
{{- $shards := .Values.sharding.shards | default list -}}
{{- $instances := list (dict "suffix" "" "shard" "" "selector" (ternary "!tradingswarm.io/shard" "" (gt (len $shards) 0))) -}}
{{- range $shard := $shards -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$" (toString $shard)) -}}
{{- fail (printf "sharding.shards: %q is not a shard name (lower-case letters, digits and '-', at most 32 characters)" (toString $shard)) -}}
{{- end -}}
{{- $instances = append $instances (dict "suffix" (printf "-%s" $shard) "shard" $shard "selector" (printf "tradingswarm.io/shard=%s" $shard)) -}}
{{- end -}}
{{- if ne (len $shards) (len (uniq $shards)) -}}
{{- fail "sharding.shards: a shard is listed twice" -}}
{{- end -}}
{{- toJson $instances -}}
{{- end -}}

{{/*
The pod labels of an instance (dict "root" . "shard" NAME): the main instance's are the chart's
selector labels; a shard's differ in app.kubernetes.io/name, so that no Deployment, Service or
PodDisruptionBudget selects the pods of another instance.
*/}}
{{- define "swarm-operator.instanceSelectorLabels" -}}
{{- if .shard -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}-shard
app.kubernetes.io/instance: {{ .root.Release.Name }}
tradingswarm.io/operator-shard: {{ .shard }}
{{- else -}}
{{ include "swarm-operator.selectorLabels" .root }}
{{- end -}}
{{- end -}}

{{/* The labels of an instance's objects: the chart's, and a shard's name. */}}
{{- define "swarm-operator.instanceLabels" -}}
{{ include "swarm-operator.labels" .root }}
{{- if .shard }}
tradingswarm.io/operator-shard: {{ .shard }}
{{- end -}}
{{- end -}}

{{- define "swarm-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "swarm-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Everything the operator does to the resources of the namespaces it watches, and nothing more
(docs/installation.md, "Permissions"). The Lease for leader election is granted apart, in the
release's namespace only.
*/}}
{{- define "swarm-operator.rules" -}}
- apiGroups: ["tradingswarm.io"]
  resources: ["swarmreleases"]
  # patch: a one-shot action annotation is swapped for its request, then removed (JSON patch on metadata)
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["tradingswarm.io"]
  resources: ["swarmreleases/status"]
  verbs: ["patch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  # delete: the slots of a bot removed from the spec, once the run without it is promoted
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["configmaps"]
  # the trading gate, <release>-trading (server-side apply); garbage-collected with its release.
  # Read only: the ConfigMaps labelled tradingswarm.io/shards=true that bots[].shardsFrom names
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["pods"]
  # patch: the tradingswarm.io/trading label on slot pods (the trading state, for kubectl get pods -L)
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["apps"]
  resources: ["controllerrevisions"]
  # the release's revisions: a deleted slot is restored from them, undo goes back to them
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["httproutes"]
  # trafficRouting.gatewayAPI: the routes' rules (server-side apply); an operator-created route is garbage-collected with its release
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["networking.istio.io"]
  resources: ["virtualservices"]
  # trafficRouting.istio: the VirtualServices' http routes (server-side apply)
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["batch"]
  resources: ["jobs"]
  # delete: a smoke-test Job of an earlier run or window, once a newer one starts
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
