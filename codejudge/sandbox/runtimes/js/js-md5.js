// codejudge stand-in for the npm package 'js-md5' (HumanEvalPack JavaScript/162 requires it;
// there is no registry in the sandbox): md5(text) -> lower-case hex digest, from node's crypto.
'use strict';
const crypto = require('crypto');
const md5 = (message) => crypto.createHash('md5').update(message).digest('hex');
md5.hex = md5;
module.exports = md5;
