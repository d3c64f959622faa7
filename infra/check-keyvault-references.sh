#!/usr/bin/env bash
# Decides whether the function app's Key Vault references are healthy after a deployment.
#
#   infra/check-keyvault-references.sh REFERENCES_JSON VAULT_SECRETS_JSON
#
# REFERENCES_JSON: the answer of GET {app id}/config/configreferences/appsettings (App Service REST API), one entry per
#   app setting that is a Key Vault reference, each with properties.status and properties.secretName.
# VAULT_SECRETS_JSON: the answer of GET {vault id}/secrets (Key Vault management API): the secrets the vault holds,
#   names only (the management plane never returns values).
#
# A reference is "configured" when its secret exists in the vault. Every configured reference must be Resolved; a
# reference whose secret was never set (SecretNotFound and absent from the vault) is a channel left unconfigured on
# purpose (its pages go to the outbox, as /api/health says) and is only reported. Anything else (access denied, vault
# not found, a secret that exists but does not resolve, Initialized) fails: that is a channel silently in the outbox.
#
# Prints one line per reference. Exit status: 0 every configured reference resolves, 1 some does not, 2 bad input.
# Used by .github/workflows/deploy.yml; tested by Functions.Tests/Infra/KeyVaultReferenceCheckTests.cs.
set -euo pipefail

if [[ $# -ne 2 || ! -r "$1" || ! -r "$2" ]]; then
    echo "usage: $0 REFERENCES_JSON VAULT_SECRETS_JSON" >&2
    exit 2
fi

if ! jq -e '(.value | type) == "array"' "$1" >/dev/null 2>&1 || ! jq -e '(.value | type) == "array"' "$2" >/dev/null 2>&1; then
    echo "check-keyvault-references: both files must be JSON objects with a \"value\" array" >&2
    exit 2
fi

# One tab-separated line per reference: verdict, setting, secret, status.
report="$(jq -r --slurpfile vault "$2" '
    ($vault[0].value | map(.name)) as $held
    | .value[]
    | (.id // .name // "" | split("/") | last) as $setting
    | (.properties.secretName // "") as $secret
    | (.properties.status // "Unknown") as $status
    | (if $status == "Resolved" then "ok"
       elif $status == "SecretNotFound" and ($held | index($secret) | not) then "unset"
       else "FAIL" end) as $verdict
    | [$verdict, $setting, $secret, $status] | @tsv' "$1")"

failed=0
while IFS=$'\t' read -r verdict setting secret status; do
    [[ -z "$verdict" ]] && continue
    case "$verdict" in
        ok) echo "ok      $setting -> $secret" ;;
        unset) echo "unset   $setting -> $secret (never set in the vault: this channel stays in the outbox)" ;;
        *)
            echo "FAILED  $setting -> $secret: $status"
            failed=1
            ;;
    esac
done <<< "$report"

if [[ $failed -ne 0 ]]; then
    echo "check-keyvault-references: a configured secret does not resolve; its channel would silently use the outbox" >&2
fi
exit $failed
