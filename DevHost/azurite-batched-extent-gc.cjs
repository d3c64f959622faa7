// Loaded into Azurite with `node --require` by DevHost/Azurite.cs (DevHost, the tests and the benchmarks).
//
// Why: in memory, Azurite keeps every queue message body as an extent of its own. Once a minute its queue GC deletes
// the extents of the messages deleted since, one at a time (MemoryExtentStore.deleteExtents). Each delete is a LokiJS
// findAndRemove on a collection with a binary index on `id`, and LokiJS 1.5.12 re-sorts that whole index on every
// removal (removeBatchByPositions -> ensureAllIndexes(true); techfort/LokiJS#908). D deletions among E extents cost
// O(D * E log E), and the loop never yields to I/O: with ~20,000 messages a minute Azurite stopped answering for
// minutes (profiled in docs/benchmarks.md#the-stall-at-n2000). This replaces the loop with one batched removal
// (one scan and one index sort per GC run), which does the same thing. Only the pinned Azurite version is patched;
// any other version runs unchanged, with a warning on stderr.
'use strict';
const fs = require('fs');
const path = require('path');

const patchedVersion = '3.37.0';

function patch() {
  // process.argv[1] is node_modules/.bin/azurite, a link to node_modules/azurite/dist/src/azurite.js.
  const src = path.dirname(fs.realpathSync(process.argv[1]));
  const version = JSON.parse(fs.readFileSync(path.join(src, '..', '..', 'package.json'), 'utf8')).version;
  if (version !== patchedVersion) {
    return `Azurite ${version} is not ${patchedVersion}; its queue GC is left as it is`;
  }
  const store = require(path.join(src, 'common', 'persistence', 'MemoryExtentStore.js')).default;
  store.prototype.deleteExtents = async function deleteExtentsInOneBatch(extents) {
    const ids = new Set(extents);
    for (const id of ids) {
      if (this.chunks.get(this.categoryName, id)) {
        this.chunks.delete(this.categoryName, id);
      }
    }
    const metadata = this.metadataStore;
    const collection = metadata.db && metadata.EXTENTS_COLLECTION ? metadata.db.getCollection(metadata.EXTENTS_COLLECTION) : null;
    if (collection) {
      collection.removeWhere(doc => ids.has(doc.id));
    } else {
      for (const id of ids) {
        await metadata.deleteExtent(id);
      }
    }
    return ids.size;
  };
  return null;
}

try {
  const skipped = patch();
  if (skipped) {
    process.stderr.write(`klaxon: ${skipped}\n`);
  }
} catch (error) {
  process.stderr.write(`klaxon: could not batch Azurite's extent GC (${error.message}); it runs unchanged\n`);
}
