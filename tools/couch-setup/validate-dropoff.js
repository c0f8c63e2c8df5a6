function validateWijkpeilEnquete(newDoc, oldDoc, userCtx, secObj) {
  // validate_doc_update of the drop-off database (default name `wijkpeil-enquete`),
  // where residents' phones deliver survey responses. Installed by
  // tools/couch-setup/setup.mjs as _design/wijkpeil. Plain ES5.
  // No comments above `function`: the text is evaluated as one expression.
  //
  // Survey copies for short links (below), coordinators only. Otherwise
  // create only, one kind only, for everybody but server admins:
  //   kind survey_response, _id = "survey_response:" + id, id a UUID,
  //   revision 1, deleted false, never _deleted, and no earlier version.
  // A second PUT of the same id without a revision is answered 409 by CouchDB
  // itself before this function runs (the phone reads it as "already delivered").
  // Reading is not decided here: CouchDB's _security (members) and the reverse
  // proxy's rule decide who reads (docs/DEPLOY.md).
  var UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
  var roles = (userCtx && userCtx.roles) || [];

  function fail(reason) {
    throw { forbidden: reason };
  }

  if (roles.indexOf('_admin') !== -1) return;
  // A copy of an own survey's published version for short links (document
  // survey:<survey id>, the definition itself): written by coordinators only,
  // read by phones through the proxy rule.
  if (newDoc._id.indexOf('survey:') === 0) {
    if (roles.indexOf('wijkpeil-coordinator') === -1) {
      fail('Only coordinators may publish surveys here.');
    }
    if (newDoc._deleted === true) return;
    if (typeof newDoc.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(newDoc.id) || newDoc._id !== 'survey:' + newDoc.id) {
      fail('_id must be survey:<id>, id a survey code.');
    }
    if (newDoc.status !== 'published' || typeof newDoc.version !== 'number') {
      fail('Only a published survey version may be put here.');
    }
    return;
  }
  if (oldDoc) {
    fail('A survey response is delivered once; this one is already here.');
  }
  if (newDoc._deleted === true) {
    fail('Survey responses cannot be deleted here.');
  }
  if (newDoc.kind !== 'survey_response') {
    fail('Only survey responses (kind survey_response) may be delivered here.');
  }
  if (typeof newDoc.id !== 'string' || !UUID.test(newDoc.id)) {
    fail('id must be a UUID string.');
  }
  if (newDoc._id !== 'survey_response:' + newDoc.id) {
    fail('_id must be survey_response:<id>.');
  }
  if (newDoc.revision !== 1) {
    fail('A delivered survey response has revision 1.');
  }
  if (newDoc.deleted !== false) {
    fail('A delivered survey response has deleted: false.');
  }
}
