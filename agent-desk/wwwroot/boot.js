// Loaded last: every other script has defined its functions.
"use strict";

start();
