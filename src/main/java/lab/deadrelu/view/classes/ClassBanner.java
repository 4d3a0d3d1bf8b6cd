package lab.deadrelu.view.classes;

/**
 * The model of classes/class_banner.jte, on a student's lab page: the class and nickname, the link
 * the teacher last sent (null for none), and whether the class has ended.
 */
public record ClassBanner(String code, String nickname, String sentHref, boolean ended) {}
