function validateWijkpeilHub(newDoc, oldDoc, userCtx, secObj) {
  // validate_doc_update of a hub database (`wijkpeil-hub-<code>`), which the
  // volunteers' tablets and kiosks of one hub sync with. Installed by
  // tools/couch-setup/setup.mjs as _design/wijkpeil. Plain ES5.
  // No comments above `function`: the text is evaluated as one expression.
  //
  // Server admins pass unchecked. Everybody else writes well-formed records
  // (the same rules as validate-main.js), and only these:
  //   contact, survey_response: the hub's volunteers (a role wijkpeil-hub-...)
  //     and coordinators; the replication account only their deletions
  //     (a deletion made in the main database reaches every hub);
  //   org_list, survey_definition (what every device shares): coordinators
  //     and the replication account, which brings them from the main database;
  //   anything else (trajectory, activity, initiative): nobody.
  // Who may read or write at all is decided by _security (members: this
  // hub's role, wijkpeil-coordinator, wijkpeil-replicator).
  var KINDS = ['contact', 'survey_response', 'survey_definition', 'trajectory', 'activity', 'initiative', 'org_list'];
  var UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
  var roles = (userCtx && userCtx.roles) || [];
  var i;

  function fail(reason) {
    throw { forbidden: reason };
  }
  function isInt(v, min) {
    return typeof v === 'number' && isFinite(v) && Math.floor(v) === v && v >= min;
  }

  if (roles.indexOf('_admin') !== -1) return;
  var coordinator = roles.indexOf('wijkpeil-coordinator') !== -1;
  var replicator = roles.indexOf('wijkpeil-replicator') !== -1;
  var volunteer = false;
  for (i = 0; i < roles.length; i++) {
    if (typeof roles[i] === 'string' && roles[i].indexOf('wijkpeil-hub-') === 0) volunteer = true;
  }
  if (!coordinator && !replicator && !volunteer) {
    fail('Only a hub role, wijkpeil-coordinator or wijkpeil-replicator may write here.');
  }
  if (typeof newDoc.kind !== 'string' || KINDS.indexOf(newDoc.kind) === -1) {
    fail('kind must be one of: ' + KINDS.join(', ') + '.');
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
  var deleting = newDoc._deleted === true;
  if (newDoc.kind === 'contact' || newDoc.kind === 'survey_response') {
    if (!coordinator && !volunteer && !deleting) {
      fail('The replication account brings only deletions of contacts and survey responses here.');
    }
  } else if (newDoc.kind === 'org_list' || newDoc.kind === 'survey_definition') {
    if (!coordinator && !replicator) {
      fail('Only coordinators change the lists and surveys (in the main database).');
    }
  } else {
    fail('A hub database holds no ' + newDoc.kind + ' records; they belong in the main database.');
  }
  if (deleting) {
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
