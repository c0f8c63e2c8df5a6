function validateWijkpeil(newDoc, oldDoc, userCtx, secObj) {
  // validate_doc_update of the main database (default name `wijkpeil`), installed
  // by tools/couch-setup/setup.mjs as _design/wijkpeil. The contract is in
  // docs/DEPLOY.md. Plain ES5: CouchDB's JavaScript engine may be an old one.
  // No comments above `function`: the text is evaluated as one expression.
  //
  // Server admins pass unchecked. Everybody else needs a Wijkpeil role and must
  // write well-formed records. The replication account (role
  // wijkpeil-replicator) brings the hubs' contacts and survey responses here
  // (docs/DEPLOY.md) and may write nothing else. Well-formed:
  //   _id = kind + ":" + id, kind from the list, id a UUID;
  //   revision an integer >= 1; deleted a boolean;
  //   schema_version an integer >= 1 (not on deleted records);
  //   a deletion (_deleted: true) carries deleted: true, kind, id and revision.
  var KINDS = ['contact', 'survey_response', 'survey_definition', 'trajectory', 'activity', 'initiative', 'org_list'];
  var UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
  var roles = (userCtx && userCtx.roles) || [];

  function fail(reason) {
    throw { forbidden: reason };
  }
  function isInt(v, min) {
    return typeof v === 'number' && isFinite(v) && Math.floor(v) === v && v >= min;
  }

  if (roles.indexOf('_admin') !== -1) return;
  var staff = roles.indexOf('wijkpeil-staff') !== -1 || roles.indexOf('wijkpeil-coordinator') !== -1;
  var replicator = roles.indexOf('wijkpeil-replicator') !== -1;
  if (!staff && !replicator) {
    fail('Only users with the role wijkpeil-staff or wijkpeil-coordinator may write here.');
  }
  if (typeof newDoc.kind !== 'string' || KINDS.indexOf(newDoc.kind) === -1) {
    fail('kind must be one of: ' + KINDS.join(', ') + '.');
  }
  if (!staff && newDoc.kind !== 'contact' && newDoc.kind !== 'survey_response') {
    fail('The replication account brings only contacts and survey responses here.');
  }
  if (typeof newDoc.id !== 'string' || !UUID.test(newDoc.id)) {
    fail('id must be a UUID string.');
  }
  if (newDoc._id !== newDoc.kind + ':' + newDoc.id) {
    fail('_id must be kind:id (here ' + newDoc.kind + ':' + newDoc.id + ').');
  }
  if (!isInt(newDoc.revision, 1)) {
    fail('revision must be an integer >= 1.');
  }
  if (newDoc._deleted === true) {
    if (newDoc.deleted !== true) fail('A deleted document must carry deleted: true.');
    return;
  }
  if (typeof newDoc.deleted !== 'boolean') {
    fail('deleted must be a boolean.');
  }
  if (newDoc.deleted !== true && !isInt(newDoc.schema_version, 1)) {
    fail('schema_version must be an integer >= 1.');
  }
}
