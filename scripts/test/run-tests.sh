#!/usr/bin/env bash
# `npm test`: static checks, then every suite (unit/integration with vitest, UI with Playwright),
# then one closing line that counts them all. Each suite runs even when an earlier one failed.
set -u
cd "$(dirname "$0")/../.."
rm -f test-results/vitest.json test-results/playwright.json
npm run -s check || { echo "static checks failed (typecheck, lint, layer rules): fix them first"; exit 1; }
status=0
# The release layout (with the Vulkan module on Linux x86) that the native and GPU tests load, built once up front.
npm run -s build:test-release || status=1
npm run -s test:unit || status=1
npm run -s test:e2e || status=1
node scripts/test/test-summary.mjs || status=1
exit $status
