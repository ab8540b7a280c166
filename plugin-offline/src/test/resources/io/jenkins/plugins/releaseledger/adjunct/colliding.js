/* A fixture of AdjunctResolutionTest: an adjunct script with an HTML page of the same name beside it. */
