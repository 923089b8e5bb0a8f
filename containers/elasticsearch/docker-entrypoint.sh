#!/bin/bash
# blog-elasticsearch's entry point: Elasticsearch writes its keystore into its config folder and
# needs a temp and a log folder (its console output is the container's), so all three live under
# /tmp (a tmpfs) and the root filesystem stays read-only.
set -euo pipefail
export BLOG_ES_CLUSTER=${BLOG_ES_CLUSTER:-blog}
export ES_PATH_CONF=/tmp/es-config ES_TMPDIR=/tmp/es-tmp
rm -rf "$ES_PATH_CONF" && mkdir -p "$ES_PATH_CONF" "$ES_TMPDIR" /tmp/es-logs
cp -r /opt/elasticsearch/config/. "$ES_PATH_CONF/"
cp /opt/elasticsearch-image/elasticsearch.yml "$ES_PATH_CONF/"
exec /opt/elasticsearch/bin/elasticsearch
