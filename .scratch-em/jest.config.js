const base = require('../jest.config.js');
module.exports = { ...base, rootDir: '..', roots: ['<rootDir>/.scratch-em'] };
