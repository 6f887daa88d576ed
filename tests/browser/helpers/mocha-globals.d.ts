// Browser tests run in Mocha (web-test-runner's default framework), which provides these globals.
/// <reference types="mocha" />
