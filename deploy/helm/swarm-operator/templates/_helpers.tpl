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
