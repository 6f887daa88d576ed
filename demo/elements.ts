/** The library as a site owner's single script tag loads it: every element, defined once. */
import "live-post-elements";
