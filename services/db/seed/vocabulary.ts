/** The words the seed builds realistic rows from: cities, cuisines, names in several scripts. */
export interface City {
  name: string;
  countryCode: string;
  currency: string;
  latitude: number;
  longitude: number;
  postalPrefix: string;
}

export const CITIES: readonly City[] = [
  { name: 'Kuala Lumpur', countryCode: 'MY', currency: 'MYR', latitude: 3.139, longitude: 101.6869, postalPrefix: '50' },
  { name: 'Singapore', countryCode: 'SG', currency: 'SGD', latitude: 1.3521, longitude: 103.8198, postalPrefix: '0' },
  { name: 'Tokyo', countryCode: 'JP', currency: 'JPY', latitude: 35.6762, longitude: 139.6503, postalPrefix: '1' },
  { name: 'Paris', countryCode: 'FR', currency: 'EUR', latitude: 48.8566, longitude: 2.3522, postalPrefix: '750' },
  { name: 'München', countryCode: 'DE', currency: 'EUR', latitude: 48.1351, longitude: 11.582, postalPrefix: '80' },
  { name: 'New York', countryCode: 'US', currency: 'USD', latitude: 40.7128, longitude: -74.006, postalPrefix: '10' },
  { name: 'São Paulo', countryCode: 'BR', currency: 'BRL', latitude: -23.5505, longitude: -46.6333, postalPrefix: '01' },
  { name: 'Sydney', countryCode: 'AU', currency: 'AUD', latitude: -33.8688, longitude: 151.2093, postalPrefix: '20' },
  { name: 'İstanbul', countryCode: 'TR', currency: 'TRY', latitude: 41.0082, longitude: 28.9784, postalPrefix: '34' },
  { name: 'Москва', countryCode: 'RU', currency: 'RUB', latitude: 55.7558, longitude: 37.6173, postalPrefix: '10' },
];

export const CUISINES: readonly { slug: string; name: string }[] = [
  { slug: 'malaysian', name: 'Malaysian' },
  { slug: 'japanese', name: 'Japanese' },
  { slug: 'french', name: 'French' },
  { slug: 'italian', name: 'Italian' },
  { slug: 'chinese', name: 'Chinese' },
  { slug: 'indian', name: 'Indian' },
  { slug: 'thai', name: 'Thai' },
  { slug: 'mexican', name: 'Mexican' },
  { slug: 'korean', name: 'Korean' },
  { slug: 'vietnamese', name: 'Vietnamese' },
  { slug: 'turkish', name: 'Turkish' },
  { slug: 'brazilian', name: 'Brazilian' },
  { slug: 'german', name: 'German' },
  { slug: 'middle-eastern', name: 'Middle Eastern' },
];

export const DIETARY: readonly { slug: string; name: string }[] = [
  { slug: 'vegetarian', name: 'Vegetarian' },
  { slug: 'vegan', name: 'Vegan' },
  { slug: 'halal', name: 'Halal' },
  { slug: 'gluten-free', name: 'Gluten-free' },
  { slug: 'kosher', name: 'Kosher' },
];

export const FEATURES: readonly { slug: string; name: string }[] = [
  { slug: 'outdoor-seating', name: 'Outdoor seating' },
  { slug: 'delivery', name: 'Delivery' },
  { slug: 'late-night', name: 'Late night' },
  { slug: 'family-friendly', name: 'Family friendly' },
];

export const NAME_PREFIXES = [
  'Golden', 'Little', 'Old Town', 'Blue', 'Red Lantern', 'Royal', 'Happy', 'Green', 'Silver', 'Lucky',
  'Café', 'Chez', 'Maison', 'Casa', 'Trattoria', 'Warung', 'Kedai', 'Izakaya', 'Bistro', 'Brasserie',
] as const;

export const NAME_CORES = [
  'Dragon', 'Olive', 'Lotus', 'Bamboo', 'Harbour', 'Garden', 'Spice', 'Orchid', 'Pepper', 'Saffron',
  'Noodle', 'Dumpling', 'Grill', 'Kitchen', 'Table', 'Corner', 'Market', 'Sakura', 'Mango', 'Tamarind',
] as const;

/** Names in other scripts and with diacritics: the API must carry them intact. */
export const UNICODE_NAMES = [
  '寿司 さかえ', 'ラーメン一番', '北京烤鸭店', '김치찌개 명가', 'Ресторан «Пушкин»', 'Crème & Brûlée',
  'Ñandú Parrilla', 'Phở Hà Nội', 'Çiğ Köfte Ustası', 'Nasi Lemak 🌶️ Wanjo', 'Zur Goldenen Gans', 'Café Olé',
  'مطعم الشام', 'ภัตตาคารไทย', 'Ōsaka Kitchen', 'Łódź Pierogi',
] as const;

export const FIRST_NAMES = [
  'Aisyah', 'Wei', 'Yuki', 'Amélie', 'Jonas', 'María', 'João', 'Olivia', 'Mehmet', 'Анна', 'Priya', 'Minh',
  'Søren', 'Zoë', 'Kofi', 'Hiroshi', 'Chloé', 'Ali', 'Fatimah', 'Liam', '陈', 'Ngozi', 'Björn', 'Seo-yeon',
] as const;

export const LAST_NAMES = [
  'Tan', 'Lim', 'Sato', 'Dubois', 'Müller', 'García', 'Silva', 'Smith', 'Yılmaz', 'Иванова', 'Sharma',
  'Nguyễn', 'Kowalski', "O'Brien", 'Mensah', 'Tanaka', 'Lefèvre', 'Rahman', 'Kim', 'Rossi',
] as const;

export const MENU_SECTIONS = ['Starters', 'Mains', 'Sides', 'Desserts', 'Drinks'] as const;

export const DISHES = [
  'Nasi Lemak', 'Char Kway Teow', 'Laksa', 'Satay', 'Roti Canai', 'Ramen', 'Gyoza', 'Tonkatsu', 'Sashimi',
  'Coq au Vin', 'Ratatouille', 'Crème Brûlée', 'Margherita', 'Carbonara', 'Tiramisu', 'Dim Sum', 'Mapo Tofu',
  'Butter Chicken', 'Masala Dosa', 'Pad Thai', 'Tom Yum', 'Tacos al Pastor', 'Bibimbap', 'Phở Bò', 'Bánh Mì',
  'İskender Kebap', 'Feijoada', 'Schnitzel', 'Falafel', 'Hummus', 'Mango Lassi', 'Teh Tarik', 'Matcha Latte',
] as const;

export const WORDS = [
  'delicious', 'crispy', 'tender', 'spicy', 'fragrant', 'generous', 'portion', 'service', 'friendly', 'slow',
  'cozy', 'noisy', 'value', 'authentic', 'fresh', 'sauce', 'broth', 'rice', 'noodles', 'dessert', 'staff',
  'waited', 'again', 'recommend', 'overpriced', 'perfect', 'balanced', 'smoky', 'sweet', 'sour', 'ambience',
  'the', 'and', 'was', 'very', 'a', 'bit', 'but', 'really', 'we', 'ordered', 'loved', 'table', 'évènement',
  'köstlich', '美味しい', 'sedap', 'вкусно',
] as const;
