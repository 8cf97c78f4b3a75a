package org.scalelab.report.chart;

/**
 * A chart written by {@link ChartFiles}: {@code name.png}, {@code name.svg}, {@code name.csv},
 * {@code name.json} beside each other in the section folder.
 *
 * @param name    the file stem
 * @param caption what the chart shows, with its units
 */
public record ChartRef(String name, String caption) { }
