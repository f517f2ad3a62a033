/**
 * The bundled courses in the catalogue's order (course.yaml `order`), as the tests that
 * check the catalogue expect it. Adding a course changes this one list.
 */
export const COURSE_ORDER = [
  'open_shop',
  'where_to_sell',
  'first_listing',
  'product_story',
  'video_live',
  'shipping',
  'returns_reviews',
  'food_legal',
  'kids_furniture',
];
