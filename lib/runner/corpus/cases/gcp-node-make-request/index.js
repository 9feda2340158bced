'use strict';

const fetch = require('node-fetch');
const functions = require('@google-cloud/functions-framework');

// An HTTP function whose only work is one outbound request.
functions.http('makeRequest', async (req, res) => {
  const url = 'https://example.com';
  const externalRes = await fetch(url);
  res.sendStatus(externalRes.ok ? 200 : 500);
});
