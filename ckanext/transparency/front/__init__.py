"""The live front page and its widgets for other sites: the figures of the openness programme
that the feature plugins give (core.interfaces.IFrontPageFigures), gathered by one action, shown
as cards on the home page, as SVG badges and as small HTML cards for iframes."""
