#!/usr/bin/env bash
# Validates both configurations against the config schemas of every installed package (strict:
# unknown keys are errors). Production is checked with placeholder values for its environment variables.
set -euo pipefail
cd "$(dirname "$0")/.."
yarn backstage-cli config:check --strict --config app-config.yaml
vars=$(grep -o '\${[A-Z0-9_]*}' app-config.production.yaml | tr -d '${}' | sort -u)
env_args=()
for v in $vars; do
  case "$v" in
    POSTGRES_PORT) env_args+=("$v=5432") ;;
    PORTICO_BASE_URL) env_args+=("$v=https://portal.example.com") ;;
    DEX_ISSUER_URL) env_args+=("$v=https://dex.example.com/dex") ;;
    ARGOCD_URL) env_args+=("$v=https://argocd-server.argocd.svc") ;;
    ARGOCD_UI_URL) env_args+=("$v=https://argocd.example.com") ;;
    PROVISIONING_WEBHOOK_URL) env_args+=("$v=http://provisioning-eventsource-svc.argo-events.svc:12000/provisioning") ;;
    PROVISIONING_CALLBACK_BASE_URL) env_args+=("$v=http://portico.portico.svc/api/provisioning") ;;
    PROMETHEUS_URL) env_args+=("$v=http://prometheus-server.monitoring.svc:9090") ;;
    LOKI_URL) env_args+=("$v=http://loki-gateway.monitoring.svc") ;;
    GRAFANA_URL) env_args+=("$v=https://grafana.example.com") ;;
    PORTICO_GITOPS_REPO_URL) env_args+=("$v=github.com?owner=portico-org&repo=gitops") ;;
    PORTICO_GITHUB_APP_ID) env_args+=("$v=123456") ;;
    PORTICO_GITHUB_APP_INSTALLATION_ID) env_args+=("$v=7654321") ;;
    *) env_args+=("$v=placeholder-$v") ;;
  esac
done
env "${env_args[@]}" yarn backstage-cli config:check --strict --config app-config.yaml --config app-config.production.yaml
