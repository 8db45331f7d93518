{{- define "docker-registry.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "docker-registry.labels" -}}
app: docker-registry
chart: {{ .Chart.Name }}-{{ .Chart.Version }}
release: {{ .Release.Name }}
heritage: {{ .Release.Service }}
{{- end -}}

{{- define "docker-registry.selector" -}}
app: docker-registry
release: {{ .Release.Name }}
{{- end -}}

{{- define "docker-registry.persistent" -}}
{{- if or (eq (toString .Values.persistence.enabled) "true") .Values.persistence.existingClaim -}}true{{- end -}}
{{- end -}}
